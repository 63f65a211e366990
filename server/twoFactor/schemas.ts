import { z } from "zod";

export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, "Enter the 6-digit code from your app");

export const recoveryCodeSchema = z
  .string()
  .trim()
  .min(16, "Enter one of your recovery codes")
  .max(32, "Enter one of your recovery codes");

export const signInChallengeSchema = z.string().min(10).max(512);

export const confirmEnrolmentSchema = z.object({ code: totpCodeSchema });
export type ConfirmEnrolmentInput = z.infer<typeof confirmEnrolmentSchema>;

/** Turning two-factor off needs the password or a recovery code. */
export const disableTwoFactorSchema = z.union([
  z.object({ password: z.string().min(1, "Enter your password").max(256) }),
  z.object({ recoveryCode: recoveryCodeSchema }),
]);
export type DisableTwoFactorInput = z.infer<typeof disableTwoFactorSchema>;

/** The second sign-in step: a code from the app, or a recovery code. */
export const secondFactorProofSchema = z.union([
  z.object({ code: totpCodeSchema }),
  z.object({ recoveryCode: recoveryCodeSchema }),
]);
export type SecondFactorProof = z.infer<typeof secondFactorProofSchema>;

export const platformTwoFactorPolicySchema = z.object({ requireForPlatformAdmins: z.boolean() });
export type PlatformTwoFactorPolicy = z.infer<typeof platformTwoFactorPolicySchema>;

export const tenantTwoFactorPolicySchema = z.object({ requireForAdmins: z.boolean() });
export type TenantTwoFactorPolicy = z.infer<typeof tenantTwoFactorPolicySchema>;
