import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { clientIp } from "@/server/api/httpContext";
import { db } from "@/server/db/client";
import { recoveryCodeSchema, signInChallengeSchema, totpCodeSchema } from "@/server/twoFactor/schemas";
import { SIGN_IN_ERRORS } from "@/server/twoFactor/signInMessages";
import { completeSecondStep } from "@/server/twoFactor/signInSteps";
import { TooManyAttemptsError } from "./signInThrottle";

const credentialsSchema = z.union([
  z.object({ challenge: signInChallengeSchema, code: totpCodeSchema }),
  z.object({ challenge: signInChallengeSchema, recoveryCode: recoveryCodeSchema }),
]);

/** The second sign-in step: the challenge from the first step plus a TOTP or recovery code. */
export const twoFactorProvider = CredentialsProvider({
  id: "two-factor",
  name: "Two-factor code",
  credentials: {
    challenge: { type: "hidden" },
    code: { label: "Code", type: "text" },
    recoveryCode: { label: "Recovery code", type: "text" },
  },
  async authorize(raw, req) {
    const parsed = credentialsSchema.safeParse(raw);
    if (!parsed.success) throw new Error(SIGN_IN_ERRORS.wrongCode);
    const { challenge, ...proof } = parsed.data;
    const ip = clientIp(new Headers(req.headers as Record<string, string>));
    const result = await completeSecondStep(db(), challenge, proof, ip);
    if (result.ok) return result.user;
    if (result.error === "locked") throw new TooManyAttemptsError(result.retryAfterSeconds);
    throw new Error(result.error === "expired" ? SIGN_IN_ERRORS.challengeExpired : SIGN_IN_ERRORS.wrongCode);
  },
});
