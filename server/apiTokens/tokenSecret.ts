import { createHash, randomBytes } from "node:crypto";

/** Every token starts with this, so secret scanners and people can recognise one. */
export const API_TOKEN_PREFIX = "sb_";

// 32 random bytes = 43 base64url characters; anything else is not one of ours.
const TOKEN_SHAPE = /^sb_[A-Za-z0-9_-]{43}$/;

export type IssuedToken = { token: string; tokenHash: string; prefix: string };

/** sha256 is enough: the input is 256 random bits, so there is nothing to brute-force or look up. */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeApiToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

export function issueApiTokenSecret(): IssuedToken {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, tokenHash: hashApiToken(token), prefix: token.slice(0, API_TOKEN_PREFIX.length + 8) };
}
