import { router, tenantAdminProcedure } from "@/server/api/trpc";
import { simulateCallSchema } from "@/server/simulator/schemas";
import { simulateTenantCall } from "@/server/simulator/service";

export const simulatorRouter = router({
  /** Read-only, but a mutation: each run is an explicit action, never cached or refetched. */
  run: tenantAdminProcedure
    .input(simulateCallSchema)
    .mutation(({ ctx, input }) => simulateTenantCall(ctx.tenant, input)),
});
