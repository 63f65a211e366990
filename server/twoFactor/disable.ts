import { writeAudit } from "@/server/audit/writeAudit";
import type { Db } from "@/server/db/client";
import { verifyPassword } from "@/server/security/password";
import type { Actor } from "@/server/tenancy/context";
import { ConflictError, ForbiddenError, NotFoundError } from "@/server/tenancy/errors";
import { isTwoFactorRequired } from "./policy";
import type { DisableTwoFactorInput } from "./schemas";
import { checkSecondFactor } from "./secondFactor";

/**
 * Turns a user's two-factor sign-in off. A session alone is not enough: the password or a
 * recovery code (which this uses up) proves it is the person. Refused while a policy requires it.
 */
export async function disableTwoFactor(db: Db, actor: Actor, userId: string, input: DisableTwoFactorInput) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true, totpSecretEnc: true } });
  if (!user) throw new NotFoundError("User");
  if (!user.totpSecretEnc) throw new ConflictError("Two-factor sign-in is not on");
  if (await isTwoFactorRequired(db, userId)) {
    throw new ForbiddenError("Two-factor sign-in is required for your account; set it up again instead");
  }
  if ("password" in input) {
    if (!(await verifyPassword(user.passwordHash, input.password))) {
      throw new ConflictError("That is not your password", "password");
    }
  } else {
    const outcome = await checkSecondFactor(db, actor, userId, { recoveryCode: input.recoveryCode });
    if (!outcome.ok) {
      throw new ConflictError(
        outcome.reason === "locked"
          ? `Too many wrong codes, try again in ${outcome.retryAfterSeconds} s`
          : "That recovery code is not valid",
        "recoveryCode",
      );
    }
  }
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null },
    });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.twoFactorEnrolment.deleteMany({ where: { userId } });
    await writeAudit(tx, actor, {
      action: "two-factor.disable",
      entityType: "User",
      entityId: userId,
      after: { provedBy: "password" in input ? "password" : "recovery-code" },
    });
  });
}
