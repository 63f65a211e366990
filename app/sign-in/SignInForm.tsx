"use client";

import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, useSyncExternalStore, type FormEvent } from "react";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { secondStepOf } from "@/server/twoFactor/signInMessages";
import { SecondStepForm } from "./SecondStepForm";
import { signInErrorText } from "./signInErrorText";

function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

/** `sso`: the single sign-on provider's next-auth id and name, when one is configured. */
export function SignInForm({ sso }: { sso: { id: string; name: string } | null }) {
  const router = useRouter();
  const params = useSearchParams();
  // Single sign-on comes back here refused (`?error=`) or owing the second step (`#step=`).
  const returned = params.get("error");
  const [second, setSecond] = useState<ReturnType<typeof secondStepOf>>(null);
  const [error, setError] = useState<string | null>(returned ? signInErrorText(returned) : null);
  const [busy, setBusy] = useState(false);
  const callbackUrl = params.get("callbackUrl") ?? "/";
  const hash = useSyncExternalStore(
    subscribeToHash,
    () => window.location.hash,
    () => "",
  );
  const fromSso = secondStepOf(new URLSearchParams(hash.slice(1)).get("step"));
  const current = second ?? fromSso;

  function signedIn() {
    router.replace(callbackUrl);
    router.refresh();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setBusy(false);
    const next = secondStepOf(result?.error);
    if (next) return setSecond(next);
    if (!result || result.error) return setError(signInErrorText(result?.error ?? ""));
    signedIn();
  }

  if (current) {
    return (
      <SecondStepForm
        {...current}
        onSignedIn={signedIn}
        onRestart={(message) => {
          setSecond(null);
          setError(message);
          if (fromSso) window.location.hash = "";
        }}
      />
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <Field label="Email" name="email" type="email" autoComplete="username" required autoFocus />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      {error && (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
      <Button type="submit" className="w-full" busy={busy}>
        Sign in
      </Button>
      {sso && (
        <>
          <p className="text-center text-xs uppercase tracking-wide text-slate-400">or</p>
          <Button
            type="button"
            variant="secondary"
            className="w-full"
            onClick={() => void signIn(sso.id, { callbackUrl })}
          >
            Sign in with {sso.name}
          </Button>
        </>
      )}
    </form>
  );
}
