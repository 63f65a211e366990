import { createHash, randomInt } from "node:crypto";

/** FreeSWITCH's `a1-hash`: md5("user:realm:password"), realm being the SIP domain. */
export function sipA1Hash(user: string, domain: string, password: string): string {
  return createHash("md5").update(`${user}:${domain}:${password}`).digest("hex");
}

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/** A 20-character password (~117 bits) without look-alike characters. */
export function generateSipPassword(length = 20): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** A 6-digit voicemail PIN. */
export function generatePin(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}
