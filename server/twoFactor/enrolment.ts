import { writeAudit } from "@/server/audit/writeAudit";
import type { Db } from "@/server/db/client";
import { open, seal } from "@/server/security/secretBox";
import type { Actor } from "@/server/tenancy/context";
import { ConflictError, NotFoundError } from "@/server/tenancy/errors";
import { qrCodeDataUrl } from "./qrCode";
import { newRecoveryCodes } from "./recoveryCodes";
import { matchingTimeStep, newTotpSecret, otpauthUri } from "./totp";

/** What the enrolment page shows, once: the QR code, the same secret for typing, and the recovery codes. */
export type EnrolmentStart = { qrCode: string; secret: string; otpauthUri: string; recoveryCodes: string[] };

/**
 * Starts (or restarts) an enrolment: a new secret and recovery codes, kept pending until a code
 * from the app confirms them. An enrolled user's current factor stays in force until then.
 */
export async function beginEnrolment(db: Db, actor: Actor, userId: string): Promise<EnrolmentStart> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) throw new NotFoundError("User");
  const secret = newTotpSecret();
  const recovery = newRecoveryCodes();
  const pending = { secretEnc: seal(secret), recoveryCodeHashes: recovery.hashes, createdAt: new Date() };
  await db.$transaction(async (tx) => {
    await tx.twoFactorEnrolment.upsert({ where: { userId }, create: { userId, ...pending }, update: pending });
    await writeAudit(tx, actor, { action: "two-factor.enrol", entityType: "User", entityId: userId });
  });
  const uri = otpauthUri(secret, user.email);
  return { qrCode: await qrCodeDataUrl(uri), secret, otpauthUri: uri, recoveryCodes: recovery.codes };
}

/**
 * Confirms the pending enrolment with a code from the app: the secret and recovery codes become
 * the user's (replacing earlier ones), and the confirming code's time step counts as used.
 */
export async function confirmEnrolment(
  db: Db,
  actor: Actor,
  userId: string,
  code: string,
  nowMs = Date.now(),
): Promise<void> {
  const pending = await db.twoFactorEnrolment.findUnique({ where: { userId } });
  if (!pending) throw new ConflictError("Start setting up two-factor sign-in first", "code");
  const step = matchingTimeStep(open(pending.secretEnc), code, nowMs);
  if (step === null) {
    await writeAudit(db, actor, {
      action: "two-factor.code-failed",
      entityType: "User",
      entityId: userId,
      after: { during: "enrolment" },
    });
    throw new ConflictError("That code is not right: check the time on your phone and try the next one", "code");
  }
  await db.$transaction(async (tx) => {
    // Only one confirmation wins when two race.
    const { count } = await tx.twoFactorEnrolment.deleteMany({ where: { userId, createdAt: pending.createdAt } });
    if (count !== 1) throw new ConflictError("This set-up was replaced by a newer one", "code");
    await tx.user.update({
      where: { id: userId },
      data: { totpSecretEnc: pending.secretEnc, totpEnabledAt: new Date(nowMs), totpLastStep: step },
    });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({ data: pending.recoveryCodeHashes.map((codeHash) => ({ userId, codeHash })) });
    await writeAudit(tx, actor, { action: "two-factor.confirm", entityType: "User", entityId: userId });
  });
}
