import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { SecondStep } from "./signInMessages";

/**
 * Proof that someone passed the first factor (password or single sign-on) for a user, carried
 * by the browser to the second step. Stateless and short-lived: an HMAC over (user, step,
 * expiry) with a key derived from NEXTAUTH_SECRET. No session exists until the second step passes.
 */
const TTL_SECONDS = 5 * 60;

const payloadSchema = z.object({ u: z.string().min(1), s: z.enum(["code", "enrol"]), e: z.number().int() });

export type SignInChallenge = { userId: string; step: SecondStep };

function key(): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  return createHmac("sha256", secret).update("switchboard:two-factor-challenge").digest();
}

const mac = (payload: string) => createHmac("sha256", key()).update(payload).digest("base64url");

export function issueChallenge(userId: string, step: SecondStep, nowMs = Date.now()): string {
  const payload = Buffer.from(
    JSON.stringify({ u: userId, s: step, e: Math.floor(nowMs / 1000) + TTL_SECONDS }),
  ).toString("base64url");
  return `${payload}.${mac(payload)}`;
}

/** The challenge, when `token` is one we issued and it has not expired; else null. */
export function readChallenge(token: string, nowMs = Date.now()): SignInChallenge | null {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success || parsed.data.e * 1000 <= nowMs) return null;
  return { userId: parsed.data.u, step: parsed.data.s };
}
