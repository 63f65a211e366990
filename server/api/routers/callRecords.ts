import { platformProcedure, router, tenantAdminProcedure, tenantUserProcedure } from "@/server/api/trpc";
import { getPlatformCall, getTenantCall, listPlatformCalls, listTenantCalls } from "@/server/callRecords/history";
import { getCallSchema, listCallsSchema, listPlatformCallsSchema } from "@/server/callRecords/historySchemas";
import { platformCallStats, tenantCallStats } from "@/server/callRecords/dashboardStats";

/** Call history: tenant admins see their whole domain, end users the calls of their own extension. */
export const callRecordsRouter = router({
  list: tenantUserProcedure.input(listCallsSchema).query(({ ctx, input }) => listTenantCalls(ctx.tenant, input)),
  get: tenantUserProcedure.input(getCallSchema).query(({ ctx, input }) => getTenantCall(ctx.tenant, input.callId)),
  stats: tenantAdminProcedure.query(({ ctx }) => tenantCallStats(ctx.tenant)),
  platform: router({
    list: platformProcedure
      .input(listPlatformCallsSchema)
      .query(({ ctx, input }) => listPlatformCalls(ctx.platform, input)),
    get: platformProcedure.input(getCallSchema).query(({ ctx, input }) => getPlatformCall(ctx.platform, input.callId)),
    stats: platformProcedure.query(({ ctx }) => platformCallStats(ctx.platform)),
  }),
});
