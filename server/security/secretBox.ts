import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// AES-256-GCM for secrets we must read back (trunk and ESL passwords, voicemail PINs,
// TOTP secrets). Format: "v1:" + base64(iv | tag | ciphertext).
const VERSION = "v1:";

function key(): Buffer {
  const raw = process.env.SWITCHBOARD_SECRET_KEY;
  if (!raw) throw new Error("SWITCHBOARD_SECRET_KEY is not set");
  const k = Buffer.from(raw, "base64");
  if (k.length !== 32) throw new Error("SWITCHBOARD_SECRET_KEY must be 32 bytes, base64-encoded");
  return k;
}

export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return VERSION + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

export function open(sealed: string): string {
  if (!sealed.startsWith(VERSION)) throw new Error("unknown sealed-secret format");
  const raw = Buffer.from(sealed.slice(VERSION.length), "base64");
  const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

export function generateSecretKey(): string {
  return randomBytes(32).toString("base64");
}
