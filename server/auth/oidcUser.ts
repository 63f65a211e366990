import { z } from "zod";
import type { Db } from "@/server/db/client";

const claimsSchema = z.object({
  sub: z.string().min(1),
  email: z.string().trim().toLowerCase().email().max(320).optional(),
  email_verified: z.unknown().optional(),
});

export type OidcUserMatch =
  | { ok: true; userId: string; email: string; name: string }
  | { ok: false; reason: "unverified-email" | "unknown-email"; email: string | null };

/**
 * The portal user an OIDC sign-in stands for: the active user whose email the provider
 * vouches for (`email_verified` exactly true). Nobody is ever created here, so single sign-on
 * can neither add people nor make anyone a platform admin; roles stay those the portal gave.
 */
export async function portalUserForOidc(db: Db, claims: unknown): Promise<OidcUserMatch> {
  const parsed = claimsSchema.safeParse(claims);
  const email = parsed.success ? (parsed.data.email ?? null) : null;
  if (!parsed.success || !email || parsed.data.email_verified !== true) {
    return { ok: false, reason: "unverified-email", email };
  }
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, disabled: true } });
  if (!user || user.disabled) return { ok: false, reason: "unknown-email", email };
  return { ok: true, userId: user.id, email, name: user.name };
}
