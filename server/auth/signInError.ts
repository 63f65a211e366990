/**
 * The error a throttled sign-in throws. next-auth hands its message to the sign-in page as
 * `error`, so the page can say how long to wait. Pure: the sign-in form imports it.
 */
const PREFIX = "TooManyAttempts:";

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  return `${PREFIX}${retryAfterSeconds}`;
}

/** Seconds to wait, when `error` is a throttled sign-in; null for any other error. */
export function retryAfterOf(error: string | null | undefined): number | null {
  if (!error?.startsWith(PREFIX)) return null;
  const seconds = Number(error.slice(PREFIX.length));
  return Number.isInteger(seconds) && seconds > 0 ? seconds : null;
}

export function tooManyAttemptsText(retryAfterSeconds: number): string {
  return `Too many attempts, try again in ${retryAfterSeconds} s.`;
}
