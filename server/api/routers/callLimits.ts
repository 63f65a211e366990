import { z } from "zod";
import { platformProcedure, router, tenantAdminProcedure } from "@/server/api/trpc";
import {
  acknowledgeNoticeSchema,
  callLimitPolicySchema,
  setOutboundBlockSchema,
  setTenantCallLimitsSchema,
} from "@/server/callLimits/schemas";
import {
  acknowledgeNotice,
  getCallLimitPolicy,
  getDomainCallLimits,
  getTenantCallLimits,
  listOpenNotices,
  setCallLimitPolicy,
  setOutboundBlock,
  setTenantCallLimits,
} from "@/server/callLimits/service";
import { idSchema } from "@/server/shared/id";

/** Abuse limits: the platform sets them, a tenant's admins see their own. */
export const callLimitsRouter = router({
  mine: tenantAdminProcedure.query(({ ctx }) => getTenantCallLimits(ctx.tenant)),
  get: platformProcedure
    .input(z.object({ domainId: idSchema }))
    .query(({ ctx, input }) => getDomainCallLimits(ctx.platform, input.domainId)),
  set: platformProcedure
    .input(setTenantCallLimitsSchema)
    .mutation(({ ctx, input }) => setTenantCallLimits(ctx.platform, input)),
  setBlock: platformProcedure
    .input(setOutboundBlockSchema)
    .mutation(({ ctx, input }) => setOutboundBlock(ctx.platform, input)),
  policy: platformProcedure.query(({ ctx }) => getCallLimitPolicy(ctx.platform)),
  setPolicy: platformProcedure
    .input(callLimitPolicySchema)
    .mutation(({ ctx, input }) => setCallLimitPolicy(ctx.platform, input)),
  notices: platformProcedure.query(({ ctx }) => listOpenNotices(ctx.platform)),
  acknowledgeNotice: platformProcedure
    .input(acknowledgeNoticeSchema)
    .mutation(({ ctx, input }) => acknowledgeNotice(ctx.platform, input.id)),
});
