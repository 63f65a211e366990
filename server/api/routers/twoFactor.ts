import { z } from "zod";
import {
  platformProcedure,
  protectedProcedure,
  publicProcedure,
  router,
  tenantAdminProcedure,
} from "@/server/api/trpc";
import { disableTwoFactor } from "@/server/twoFactor/disable";
import { beginEnrolment, confirmEnrolment } from "@/server/twoFactor/enrolment";
import {
  platformTwoFactorPolicy,
  setPlatformTwoFactorPolicy,
  setTenantTwoFactorPolicy,
  tenantTwoFactorPolicy,
} from "@/server/twoFactor/policy";
import {
  confirmEnrolmentSchema,
  disableTwoFactorSchema,
  platformTwoFactorPolicySchema,
  signInChallengeSchema,
  tenantTwoFactorPolicySchema,
} from "@/server/twoFactor/schemas";
import { beginSignInEnrolment } from "@/server/twoFactor/signInSteps";
import { twoFactorStatus } from "@/server/twoFactor/status";

export const twoFactorRouter = router({
  status: protectedProcedure.query(({ ctx }) => twoFactorStatus(ctx.db, ctx.caller.userId)),
  beginEnrolment: protectedProcedure.mutation(({ ctx }) => beginEnrolment(ctx.db, ctx.actor, ctx.caller.userId)),
  confirmEnrolment: protectedProcedure
    .input(confirmEnrolmentSchema)
    .mutation(({ ctx, input }) => confirmEnrolment(ctx.db, ctx.actor, ctx.caller.userId, input.code)),
  disable: protectedProcedure
    .input(disableTwoFactorSchema)
    .mutation(({ ctx, input }) => disableTwoFactor(ctx.db, ctx.actor, ctx.caller.userId, input)),
  /** Sign-in of a user who must enrol first: the password step's challenge stands in for a session. */
  beginSignInEnrolment: publicProcedure
    .input(z.object({ challenge: signInChallengeSchema }))
    .mutation(({ ctx, input }) => beginSignInEnrolment(ctx.db, input.challenge, ctx.ip)),
  platformPolicy: platformProcedure.query(({ ctx }) => platformTwoFactorPolicy(ctx.platform.db)),
  setPlatformPolicy: platformProcedure
    .input(platformTwoFactorPolicySchema)
    .mutation(({ ctx, input }) => setPlatformTwoFactorPolicy(ctx.platform, input)),
  tenantPolicy: tenantAdminProcedure.query(({ ctx }) => tenantTwoFactorPolicy(ctx.tenant)),
  setTenantPolicy: tenantAdminProcedure
    .input(tenantTwoFactorPolicySchema)
    .mutation(({ ctx, input }) => setTenantTwoFactorPolicy(ctx.tenant, input)),
});
