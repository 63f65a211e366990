"use client";

import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { EnrolmentDetails } from "@/components/twoFactor/EnrolmentDetails";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import type { SecondStep } from "@/server/twoFactor/signInMessages";
import { SIGN_IN_ERRORS } from "@/server/twoFactor/signInMessages";
import { signInErrorText } from "./signInErrorText";

type Props = {
  step: SecondStep;
  challenge: string;
  onSignedIn: () => void;
  /** Back to the password: the challenge expired, or the person chose to. */
  onRestart: (message: string | null) => void;
};

/** The second sign-in step: a code from the app, a recovery code, or (required, not enrolled) enrolment. */
export function SecondStepForm({ step, challenge, onSignedIn, onRestart }: Props) {
  const trpc = useTRPC();
  const [useRecovery, setUseRecovery] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const enrolment = useMutation(trpc.twoFactor.beginSignInEnrolment.mutationOptions());
  const { mutate: beginEnrolment } = enrolment;
  // Once per challenge: a second start (React runs effects twice in development) would replace
  // the secret the page shows.
  const begun = useRef<string | null>(null);
  useEffect(() => {
    if (step !== "enrol" || begun.current === challenge) return;
    begun.current = challenge;
    beginEnrolment({ challenge });
  }, [step, challenge, beginEnrolment]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("secondFactor") ?? "").trim();
    setBusy(true);
    setError(null);
    const result = await signIn("two-factor", {
      challenge,
      ...(useRecovery ? { recoveryCode: value } : { code: value }),
      redirect: false,
    });
    setBusy(false);
    if (result?.ok && !result.error) return onSignedIn();
    const code = result?.error ?? SIGN_IN_ERRORS.wrongCode;
    if (code === SIGN_IN_ERRORS.challengeExpired) return onRestart(signInErrorText(code));
    setError(signInErrorText(code));
  }

  if (step === "enrol" && enrolment.isError) {
    return (
      <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" role="alert">
        {enrolment.error.message}
      </p>
    );
  }
  if (step === "enrol" && !enrolment.data)
    return <p className="text-sm text-slate-500">Preparing two-factor set-up…</p>;

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      {step === "enrol" && enrolment.data ? (
        <>
          <p className="text-sm text-slate-600">Your account must use two-factor sign-in. Set it up now to continue.</p>
          <EnrolmentDetails start={enrolment.data} />
        </>
      ) : (
        <p className="text-sm text-slate-600">
          {useRecovery
            ? "Enter one of the recovery codes you saved when you set up two-factor sign-in."
            : "Enter the 6-digit code from your authenticator app."}
        </p>
      )}
      <Field
        key={useRecovery ? "recovery" : "code"}
        label={useRecovery ? "Recovery code" : "Authentication code"}
        name="secondFactor"
        autoComplete="one-time-code"
        inputMode={useRecovery ? "text" : "numeric"}
        required
        autoFocus
      />
      {error && (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
      <Button type="submit" className="w-full" busy={busy}>
        {step === "enrol" ? "Turn on and sign in" : "Verify"}
      </Button>
      <div className="flex justify-between text-sm">
        {step === "code" ? (
          <button type="button" className="text-brand-700 hover:underline" onClick={() => setUseRecovery((v) => !v)}>
            {useRecovery ? "Use a code from the app" : "Use a recovery code"}
          </button>
        ) : (
          <span />
        )}
        <button type="button" className="text-slate-500 hover:underline" onClick={() => onRestart(null)}>
          Start over
        </button>
      </div>
    </form>
  );
}
