/**
 * How the sign-in flow tells the page what comes next. next-auth hands a thrown error's message
 * (password step) or a redirect's query (single sign-on) to the sign-in page. Pure: the sign-in
 * form imports it.
 */
export type SecondStep = "code" | "enrol";

const PREFIX = "TwoFactor:";

/** The second step is due: "code" (enrolled) or "enrol" (required, not enrolled yet). */
export function secondStepMessage(step: SecondStep, challenge: string): string {
  return `${PREFIX}${step}:${challenge}`;
}

export function secondStepOf(error: string | null | undefined): { step: SecondStep; challenge: string } | null {
  if (!error?.startsWith(PREFIX)) return null;
  const [step, challenge] = error.slice(PREFIX.length).split(":");
  if ((step !== "code" && step !== "enrol") || !challenge) return null;
  return { step, challenge };
}

/** Errors of the second step and of single sign-on, as `error` values. */
export const SIGN_IN_ERRORS = {
  wrongCode: "TwoFactorWrongCode",
  challengeExpired: "TwoFactorExpired",
  ssoUnverifiedEmail: "SsoUnverifiedEmail",
  ssoNoAccount: "SsoNoAccount",
} as const;
