import { platformProcedure, router, tenantAdminProcedure } from "@/server/api/trpc";
import {
  hangupSchema,
  listLiveCallsSchema,
  listPlatformLiveCallsSchema,
  listPlatformRegistrationsSchema,
  listRegistrationsSchema,
} from "@/server/liveState/schemas";
import {
  hangupPlatformCall,
  hangupTenantCall,
  listPlatformLiveCalls,
  listPlatformRegistrations,
  listTenantLiveCalls,
  listTenantRegistrations,
} from "@/server/liveState/service";

export const liveStateRouter = router({
  /** Tenant admins: their domain's registered phones and calls up now. */
  registrations: tenantAdminProcedure
    .input(listRegistrationsSchema)
    .query(({ ctx, input }) => listTenantRegistrations(ctx.tenant, input)),
  liveCalls: tenantAdminProcedure
    .input(listLiveCallsSchema)
    .query(({ ctx, input }) => listTenantLiveCalls(ctx.tenant, input)),
  hangup: tenantAdminProcedure
    .input(hangupSchema)
    .mutation(({ ctx, input }) => hangupTenantCall(ctx.tenant, input.uuid)),
  /** Platform admins: across every node, optionally one tenant. */
  platform: router({
    registrations: platformProcedure
      .input(listPlatformRegistrationsSchema)
      .query(({ ctx, input }) => listPlatformRegistrations(ctx.platform, input)),
    liveCalls: platformProcedure
      .input(listPlatformLiveCallsSchema)
      .query(({ ctx, input }) => listPlatformLiveCalls(ctx.platform, input)),
    hangup: platformProcedure
      .input(hangupSchema)
      .mutation(({ ctx, input }) => hangupPlatformCall(ctx.platform, input.uuid)),
  }),
});
