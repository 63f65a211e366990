import type { ReactNode } from "react";

/** The "Sign-in security" card under a users list. */
export function SignInSecuritySection({ children }: { children: ReactNode }) {
  return (
    <section
      aria-labelledby="sign-in-security"
      className="mt-8 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id="sign-in-security" className="mb-3 text-base font-semibold text-slate-900">
        Sign-in security
      </h2>
      {children}
    </section>
  );
}
