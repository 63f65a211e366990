import type { Db } from "@/server/db/client";
import type { Caller } from "./session";

/** A caller as loaded, with the session version a session JWT must carry to stand for them. */
export type LoadedCaller = Caller & { sessionVersion: number };

/**
 * Resolves a user id (from the session JWT) to a Caller with current memberships.
 * Read per request so a disabled user or a revoked membership takes effect at once; given the
 * session's `sessionVersion`, a session issued before a password reset or a disable is refused too.
 * Every page and API path takes its caller from here.
 */
export async function loadCaller(db: Db, userId: string, sessionVersion?: number): Promise<LoadedCaller | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      disabled: true,
      sessionVersion: true,
      memberships: { select: { role: true, domainId: true, extensionId: true, domain: { select: { name: true } } } },
    },
  });
  if (!user || user.disabled) return null;
  if (sessionVersion !== undefined && sessionVersion !== user.sessionVersion) return null;
  return {
    sessionVersion: user.sessionVersion,
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
