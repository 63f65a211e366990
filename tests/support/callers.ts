import type { Db } from "@/server/db/client";
import { createCaller } from "@/server/api/root";
import { loadCaller } from "@/server/auth/loadCaller";
import { hashPassword } from "@/server/security/password";
import type { Role } from "@/server/db/generated/enums";

/** A tRPC caller acting as the given user, resolved exactly as a portal request would be. */
export async function callerAs(db: Db, userId: string) {
  const caller = await loadCaller(db, userId);
  if (!caller) throw new Error(`no active user ${userId}`);
  return createCaller({
    db,
    caller,
    actor: { userId: caller.userId, tokenId: null, label: caller.email, ip: "203.0.113.7" },
    ip: "203.0.113.7",
  });
}

export function anonymousCaller(db: Db) {
  return createCaller({ db, caller: null, actor: null, ip: null });
}

// One shared hash keeps user fixtures fast (argon2id is deliberately slow).
let fixtureHash: Promise<string> | undefined;

export async function createUser(
  db: Db,
  email: string,
  membership: { role: Role; domainId?: string; extensionId?: string },
): Promise<string> {
  fixtureHash ??= hashPassword("fixture-password");
  const user = await db.user.create({
    data: { email, name: email, passwordHash: await fixtureHash, memberships: { create: membership } },
  });
  return user.id;
}
