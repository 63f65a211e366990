import { clearFailures, lockedSeconds, recordFailure, type ThrottlePolicy } from "@/server/auth/attemptThrottle";
import { writeAudit } from "@/server/audit/writeAudit";
import type { Db } from "@/server/db/client";
import { open } from "@/server/security/secretBox";
import type { Actor } from "@/server/tenancy/context";
import { hashRecoveryCode } from "./recoveryCodes";
import type { SecondFactorProof } from "./schemas";
import { matchingTimeStep } from "./totp";

/**
 * Wrong second factors per user: 5 within 15 minutes lock the user's second step for 30 s,
 * doubling up to 15 minutes (the same backoff as passwords). Someone who has the password thus
 * gets a few guesses at a 6-digit code per lock, not a million.
 */
export const SECOND_FACTOR_POLICY: ThrottlePolicy = {
  threshold: 5,
  baseLockSeconds: 30,
  maxLockSeconds: 900,
  windowSeconds: 900,
};

const throttleKey = (userId: string) => `two-factor:${userId}`;

export type SecondFactorOutcome =
  | { ok: true }
  | { ok: false; reason: "wrong" | "replayed" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

/**
 * A TOTP code is accepted once: the step it belongs to must be later than the last accepted
 * one, checked and recorded in one statement so two concurrent uses cannot both pass.
 */
async function acceptTotpCode(db: Db, userId: string, secretEnc: string, code: string, nowMs: number) {
  const step = matchingTimeStep(open(secretEnc), code, nowMs);
  if (step === null) return "wrong" as const;
  const { count } = await db.user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return count === 1 ? ("ok" as const) : ("replayed" as const);
}

/** A recovery code works once: it is marked used in the statement that finds it. */
async function spendRecoveryCode(db: Db, actor: Actor, userId: string, code: string) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.recoveryCode.updateMany({
      where: { userId, codeHash: hashRecoveryCode(code), usedAt: null },
      data: { usedAt: new Date() },
    });
    if (count !== 1) return "wrong" as const;
    const remaining = await tx.recoveryCode.count({ where: { userId, usedAt: null } });
    await writeAudit(tx, actor, {
      action: "two-factor.recovery-code-used",
      entityType: "User",
      entityId: userId,
      after: { remaining },
    });
    return "ok" as const;
  });
}

/** Checks an enrolled user's second factor, under the per-user backoff; failures are audited. */
export async function checkSecondFactor(
  db: Db,
  actor: Actor,
  userId: string,
  proof: SecondFactorProof,
  nowMs = Date.now(),
): Promise<SecondFactorOutcome> {
  const key = throttleKey(userId);
  const waiting = await lockedSeconds(db, [key]);
  if (waiting > 0) return { ok: false, reason: "locked", retryAfterSeconds: waiting };
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecretEnc: true } });
  const secretEnc = user?.totpSecretEnc;
  const kind = "code" in proof ? "code" : "recovery-code";
  const result = !secretEnc
    ? ("wrong" as const)
    : "code" in proof
      ? await acceptTotpCode(db, userId, secretEnc, proof.code, nowMs)
      : await spendRecoveryCode(db, actor, userId, proof.recoveryCode);
  if (result === "ok") {
    await clearFailures(db, key);
    return { ok: true };
  }
  const failure = await recordFailure(db, key, SECOND_FACTOR_POLICY);
  await writeAudit(db, actor, {
    action: "two-factor.code-failed",
    entityType: "User",
    entityId: userId,
    after: { kind, reason: result, failures: failure.failures, lockedSeconds: failure.lockedSeconds },
  });
  if (failure.lockedSeconds > 0) return { ok: false, reason: "locked", retryAfterSeconds: failure.lockedSeconds };
  return { ok: false, reason: result };
}
