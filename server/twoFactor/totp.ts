import { Secret, TOTP } from "otpauth";

// RFC 6238 defaults (SHA-1, 6 digits, 30 s): the parameters every authenticator app supports.
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** Steps either side of now that still count, for clocks a little off. */
export const TOTP_WINDOW = 1;
const ISSUER = "Switchboard";

function totp(secretBase32: string, label = ""): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    secret: Secret.fromBase32(secretBase32),
    algorithm: "SHA1",
    digits: DIGITS,
    period: PERIOD_SECONDS,
  });
}

/** A fresh 160-bit secret (RFC 4226's recommended length), base32 as apps want it typed. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI the QR code carries. */
export function otpauthUri(secretBase32: string, accountLabel: string): string {
  return totp(secretBase32, accountLabel).toString();
}

/** The time step (counter) a moment falls in. */
export function timeStepAt(nowMs: number): number {
  return Math.floor(nowMs / 1000 / PERIOD_SECONDS);
}

/**
 * The time step whose code `code` is, within the window around `nowMs`; null when it matches none.
 * Whether that step was already used (a replay) is the caller's check.
 */
export function matchingTimeStep(secretBase32: string, code: string, nowMs: number): number | null {
  const delta = totp(secretBase32).validate({ token: code, timestamp: nowMs, window: TOTP_WINDOW });
  return delta === null ? null : timeStepAt(nowMs) + delta;
}

/** The code of a moment; tests and nothing else need it. */
export function totpCodeAt(secretBase32: string, nowMs: number): string {
  return totp(secretBase32).generate({ timestamp: nowMs });
}
