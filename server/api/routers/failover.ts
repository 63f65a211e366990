import { platformProcedure, router, tenantAdminProcedure } from "@/server/api/trpc";
import { drainStatus } from "@/server/cluster/failover/drain";
import { listFailoverEvents, tenantFailoverNotice } from "@/server/cluster/failover/events";
import { nodeLoadView } from "@/server/cluster/failover/nodeLoadView";
import { setFailoverPolicy, setNodeSpare } from "@/server/cluster/failover/policy";
import { restoreAssignments } from "@/server/cluster/failover/restore";
import {
  ListFailoverEventsInput,
  PlacementInput,
  RestoreAssignmentsInput,
  SetFailoverPolicyInput,
  SetSpareInput,
  UpdateFailoverSettingsInput,
} from "@/server/cluster/failover/schemas";
import { getFailoverSettings, updateFailoverSettings } from "@/server/cluster/failover/settings";
import { placementSuggestion } from "@/server/cluster/failover/suggestPlacement";
import { IdInput } from "@/server/cluster/schemas";

export const failoverRouter = router({
  settings: router({
    get: platformProcedure.query(({ ctx }) => getFailoverSettings(ctx.platform)),
    update: platformProcedure
      .input(UpdateFailoverSettingsInput)
      .mutation(({ ctx, input }) => updateFailoverSettings(ctx.platform, input)),
  }),
  events: platformProcedure
    .input(ListFailoverEventsInput)
    .query(({ ctx, input }) => listFailoverEvents(ctx.platform, input)),
  restore: platformProcedure
    .input(RestoreAssignmentsInput)
    .mutation(({ ctx, input }) => restoreAssignments(ctx.platform, input)),
  setPolicy: platformProcedure
    .input(SetFailoverPolicyInput)
    .mutation(({ ctx, input }) => setFailoverPolicy(ctx.platform, input)),
  setSpare: platformProcedure.input(SetSpareInput).mutation(({ ctx, input }) => setNodeSpare(ctx.platform, input)),
  nodeLoad: platformProcedure.query(({ ctx }) => nodeLoadView(ctx.platform)),
  placement: platformProcedure
    .input(PlacementInput)
    .query(({ ctx, input }) => placementSuggestion(ctx.platform, input)),
  drainStatus: platformProcedure.input(IdInput).query(({ ctx, input }) => drainStatus(ctx.platform, input.id)),
  tenantNotice: tenantAdminProcedure.query(({ ctx }) => tenantFailoverNotice(ctx.tenant)),
});
