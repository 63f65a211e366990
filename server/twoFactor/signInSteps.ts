import type { Db } from "@/server/db/client";
import type { Actor } from "@/server/tenancy/context";
import { ConflictError, ForbiddenError } from "@/server/tenancy/errors";
import { beginEnrolment, confirmEnrolment, type EnrolmentStart } from "./enrolment";
import { isTwoFactorRequired } from "./policy";
import type { SecondFactorProof } from "./schemas";
import { checkSecondFactor } from "./secondFactor";
import { issueChallenge, readChallenge } from "./signInChallenge";
import type { SecondStep } from "./signInMessages";

/**
 * After the first factor passed: the second step this user owes, with its challenge, or null
 * when there is none and the session may start. Enrolled users give a code; users a policy
 * covers who have not enrolled yet are sent to enrolment.
 */
export async function secondStepFor(db: Db, userId: string): Promise<{ step: SecondStep; challenge: string } | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecretEnc: true } });
  if (user?.totpSecretEnc) return { step: "code", challenge: issueChallenge(userId, "code") };
  if (await isTwoFactorRequired(db, userId)) return { step: "enrol", challenge: issueChallenge(userId, "enrol") };
  return null;
}

type ChallengedUser = { id: string; email: string; name: string; actor: Actor };

async function challengedUser(db: Db, token: string, ip: string | null, nowMs: number) {
  const challenge = readChallenge(token, nowMs);
  if (!challenge) return null;
  const user = await db.user.findUnique({
    where: { id: challenge.userId },
    select: { id: true, email: true, name: true, disabled: true, totpSecretEnc: true },
  });
  if (!user || user.disabled) return null;
  const actor: Actor = { userId: user.id, tokenId: null, label: user.email, ip };
  const challenged: ChallengedUser = { id: user.id, email: user.email, name: user.name, actor };
  return { step: challenge.step, enrolled: user.totpSecretEnc !== null, user: challenged };
}

/** The enrolment page of a sign-in whose user must enrol first. */
export async function beginSignInEnrolment(
  db: Db,
  token: string,
  ip: string | null,
  nowMs = Date.now(),
): Promise<EnrolmentStart> {
  const challenged = await challengedUser(db, token, ip, nowMs);
  // An enrolled user's factor is never replaced on the strength of a password alone.
  if (!challenged || challenged.step !== "enrol" || challenged.enrolled) {
    throw new ForbiddenError("This sign-in has expired; sign in again");
  }
  return beginEnrolment(db, challenged.user.actor, challenged.user.id);
}

export type SecondStepResult =
  | { ok: true; user: Omit<ChallengedUser, "actor"> }
  | { ok: false; error: "expired" | "wrong" }
  | { ok: false; error: "locked"; retryAfterSeconds: number };

/** The second step: a code (or recovery code) for an enrolled user, or the enrolment's confirming code. */
export async function completeSecondStep(
  db: Db,
  token: string,
  proof: SecondFactorProof,
  ip: string | null,
  nowMs = Date.now(),
): Promise<SecondStepResult> {
  const challenged = await challengedUser(db, token, ip, nowMs);
  if (!challenged) return { ok: false, error: "expired" };
  const { actor, ...user } = challenged.user;
  if (challenged.step === "enrol") {
    if (challenged.enrolled || !("code" in proof)) return { ok: false, error: "expired" };
    try {
      await confirmEnrolment(db, actor, user.id, proof.code, nowMs);
    } catch (error) {
      if (error instanceof ConflictError) return { ok: false, error: "wrong" };
      throw error;
    }
  } else {
    const outcome = await checkSecondFactor(db, actor, user.id, proof, nowMs);
    if (!outcome.ok) {
      return outcome.reason === "locked"
        ? { ok: false, error: "locked", retryAfterSeconds: outcome.retryAfterSeconds }
        : { ok: false, error: "wrong" };
    }
  }
  return { ok: true, user };
}
