import { retryAfterOf, tooManyAttemptsText } from "@/server/auth/signInError";
import { SIGN_IN_ERRORS } from "@/server/twoFactor/signInMessages";

const TEXTS: Record<string, string> = {
  [SIGN_IN_ERRORS.wrongCode]: "That code is not right. Try the code your app shows now.",
  [SIGN_IN_ERRORS.challengeExpired]: "That sign-in took too long. Sign in again.",
  [SIGN_IN_ERRORS.ssoUnverifiedEmail]: "Your sign-on provider did not confirm your email address.",
  [SIGN_IN_ERRORS.ssoNoAccount]: "No active Switchboard account has the email address your sign-on provider gave.",
  // homeFor() sends people without any role here.
  "no-access": "Your account has no access yet. Ask your administrator for a role.",
};

/** What the page says for an `error` from next-auth or our own sign-in steps. */
export function signInErrorText(error: string): string {
  const retryAfter = retryAfterOf(error);
  if (retryAfter) return tooManyAttemptsText(retryAfter);
  if (TEXTS[error]) return TEXTS[error];
  if (error.startsWith("OAuth") || error === "Callback" || error === "AccessDenied") {
    return "Single sign-on did not work. Try again, or sign in with your password.";
  }
  return "That email and password do not match an active account.";
}
