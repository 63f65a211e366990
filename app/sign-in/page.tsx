import type { Metadata } from "next";
import { Suspense } from "react";
import { OIDC_PROVIDER_ID, oidcConfig } from "@/server/auth/oidc";
import { SignInForm } from "./SignInForm";

export const metadata: Metadata = { title: "Sign in" };
// Single sign-on is configured by the environment the server runs in, not the one it was built in.
export const dynamic = "force-dynamic";

export default function SignInPage() {
  const sso = oidcConfig();
  return (
    <main className="flex min-h-screen">
      <section className="hidden w-1/2 flex-col justify-between bg-gradient-to-br from-brand-700 to-slate-900 p-12 text-white lg:flex">
        <div className="flex items-center gap-2 text-lg font-semibold">
          <span className="grid size-8 place-items-center rounded-md bg-white/15">⌁</span> Switchboard
        </div>
        <div className="max-w-md space-y-4">
          <h1 className="text-3xl font-semibold leading-tight">Run your FreeSWITCH cluster from one place.</h1>
          <p className="text-white/75">
            Tenants, numbers, trunks and nodes — pushed to Kamailio and FreeSWITCH the moment you save.
          </p>
        </div>
        <p className="text-sm text-white/50">Switchboard control plane</p>
      </section>
      <section className="flex flex-1 items-center justify-center p-6">
        <div className="w-full max-w-sm space-y-8">
          <div>
            <h2 className="text-2xl font-semibold text-slate-900">Sign in</h2>
            <p className="mt-1 text-sm text-slate-500">Use the account your provider or administrator gave you.</p>
          </div>
          <Suspense>
            <SignInForm sso={sso ? { id: OIDC_PROVIDER_ID, name: sso.name } : null} />
          </Suspense>
        </div>
      </section>
    </main>
  );
}
