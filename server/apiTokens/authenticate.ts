import type { Db } from "@/server/db/client";
import { hashApiToken, looksLikeApiToken } from "./tokenSecret";

/** Who a valid token acts as: the whole platform, or one domain. */
export type TokenPrincipal = { tokenId: string; name: string; domain: { id: string; name: string } | null };

export type TokenRejection = "missing" | "invalid" | "expired" | "revoked";

export type TokenAuthentication = { ok: true; principal: TokenPrincipal } | { ok: false; reason: TokenRejection };

/** lastUsedAt is informational; one write a minute per token keeps busy integrations off the primary. */
export const LAST_USED_RESOLUTION_MS = 60_000;

function bearerToken(authorization: string | null): string | null {
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

/** Checks an `Authorization: Bearer sb_…` header against the stored hashes. */
export async function authenticateApiToken(
  db: Db,
  authorization: string | null,
  now = new Date(),
): Promise<TokenAuthentication> {
  const token = bearerToken(authorization);
  if (!token) return { ok: false, reason: "missing" };
  if (!looksLikeApiToken(token)) return { ok: false, reason: "invalid" };
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: {
      id: true,
      name: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      domain: { select: { id: true, name: true } },
    },
  });
  if (!row) return { ok: false, reason: "invalid" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  if (row.expiresAt && row.expiresAt <= now) return { ok: false, reason: "expired" };
  const cutoff = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!row.lastUsedAt || row.lastUsedAt < cutoff) {
    // Conditional so that several app processes racing on the same token still write once.
    await db.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: cutoff } }] },
      data: { lastUsedAt: now },
    });
  }
  return { ok: true, principal: { tokenId: row.id, name: row.name, domain: row.domain } };
}
