import type { Db } from "@/server/db/client";
import type { Caller } from "./session";

/**
 * Resolves a user id (from the session JWT) to a Caller with current memberships.
 * Read per request so a disabled user or a revoked membership takes effect at once.
 */
export async function loadCaller(db: Db, userId: string): Promise<Caller | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      disabled: true,
      memberships: { select: { role: true, domainId: true, extensionId: true, domain: { select: { name: true } } } },
    },
  });
  if (!user || user.disabled) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    memberships: user.memberships.map((m) => ({
      role: m.role,
      domainId: m.domainId,
      domainName: m.domain?.name ?? null,
      extensionId: m.extensionId,
    })),
  };
}
