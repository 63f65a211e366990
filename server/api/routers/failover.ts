import { platformProcedure, router, tenantAdminProcedure } from "@/server/api/trpc";
import { drainStatus } from "@/server/cluster/failover/drain";
import { listFailoverEvents, tenantFailoverNotice } from "@/server/cluster/failover/events";
import { nodeLoadView } from "@/server/cluster/failover/nodeLoadView";
import { setFailoverPolicy, setNodeSpare } from "@/server/cluster/failover/policy";
import { restoreAssignments } from "@/server/cluster/failover/restore";
import {
  listFailoverEventsSchema,
  placementSchema,
  restoreAssignmentsSchema,
  setFailoverPolicySchema,
  setSpareSchema,
  updateFailoverSettingsSchema,
} from "@/server/cluster/failover/schemas";
import { getFailoverSettings, updateFailoverSettings } from "@/server/cluster/failover/settings";
import { placementSuggestion } from "@/server/cluster/failover/suggestPlacement";
import { idInputSchema } from "@/server/cluster/schemas";

export const failoverRouter = router({
  settings: router({
    get: platformProcedure.query(({ ctx }) => getFailoverSettings(ctx.platform)),
    update: platformProcedure
      .input(updateFailoverSettingsSchema)
      .mutation(({ ctx, input }) => updateFailoverSettings(ctx.platform, input)),
  }),
  events: platformProcedure
    .input(listFailoverEventsSchema)
    .query(({ ctx, input }) => listFailoverEvents(ctx.platform, input)),
  restore: platformProcedure
    .input(restoreAssignmentsSchema)
    .mutation(({ ctx, input }) => restoreAssignments(ctx.platform, input)),
  setPolicy: platformProcedure
    .input(setFailoverPolicySchema)
    .mutation(({ ctx, input }) => setFailoverPolicy(ctx.platform, input)),
  setSpare: platformProcedure.input(setSpareSchema).mutation(({ ctx, input }) => setNodeSpare(ctx.platform, input)),
  nodeLoad: platformProcedure.query(({ ctx }) => nodeLoadView(ctx.platform)),
  placement: platformProcedure
    .input(placementSchema)
    .query(({ ctx, input }) => placementSuggestion(ctx.platform, input)),
  drainStatus: platformProcedure.input(idInputSchema).query(({ ctx, input }) => drainStatus(ctx.platform, input.id)),
  tenantNotice: tenantAdminProcedure.query(({ ctx }) => tenantFailoverNotice(ctx.tenant)),
});
