import "server-only";
import { writeAudit } from "@/server/audit/writeAudit";
import type { Db } from "@/server/db/client";
import { hashPassword, verifyPassword } from "@/server/security/password";
import type { Actor } from "@/server/tenancy/context";
import { ConflictError, NotFoundError } from "@/server/tenancy/errors";
import type { ChangePasswordInput } from "./schemas";

/** A signed-in person changing their own portal password; the current one proves it is them. */
export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  userId: string,
  input: ChangePasswordInput,
): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user) throw new NotFoundError("User");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new ConflictError("That is not your current password", "currentPassword");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await writeAudit(tx, actor, { action: "user.change-password", entityType: "User", entityId: userId });
  });
}
