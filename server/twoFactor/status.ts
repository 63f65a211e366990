import type { Db } from "@/server/db/client";
import { NotFoundError } from "@/server/tenancy/errors";
import { isTwoFactorRequired } from "./policy";

export type TwoFactorStatus = {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** A policy requires it for one of the user's roles. */
  required: boolean;
};

export async function twoFactorStatus(db: Db, userId: string): Promise<TwoFactorStatus> {
  const [user, recoveryCodesLeft, required] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { totpSecretEnc: true, totpEnabledAt: true } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
    isTwoFactorRequired(db, userId),
  ]);
  if (!user) throw new NotFoundError("User");
  return { enabled: user.totpSecretEnc !== null, enabledAt: user.totpEnabledAt, recoveryCodesLeft, required };
}
