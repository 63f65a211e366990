import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { router, platformProcedure, tenantAdminProcedure } from "@/server/api/trpc";
import { createRouteSchema, listRoutesSchema, updateRouteSchema } from "@/server/routes/schemas";
import {
  createPlatformRoute,
  createTenantRoute,
  deletePlatformRoute,
  deleteTenantRoute,
  listPlatformRoutes,
  listTenantRoutes,
  platformTrunkChoices,
  tenantTrunkChoices,
  updatePlatformRoute,
  updateTenantRoute,
} from "@/server/routes/service";

const byId = z.object({ id: idSchema });

export const routesRouter = router({
  platform: router({
    list: platformProcedure.input(listRoutesSchema).query(({ ctx, input }) => listPlatformRoutes(ctx.platform, input)),
    trunkChoices: platformProcedure.query(({ ctx }) => platformTrunkChoices(ctx.platform)),
    create: platformProcedure
      .input(createRouteSchema)
      .mutation(({ ctx, input }) => createPlatformRoute(ctx.platform, input)),
    update: platformProcedure
      .input(updateRouteSchema)
      .mutation(({ ctx, input }) => updatePlatformRoute(ctx.platform, input)),
    delete: platformProcedure.input(byId).mutation(({ ctx, input }) => deletePlatformRoute(ctx.platform, input.id)),
  }),
  tenant: router({
    list: tenantAdminProcedure.input(listRoutesSchema).query(({ ctx, input }) => listTenantRoutes(ctx.tenant, input)),
    trunkChoices: tenantAdminProcedure.query(({ ctx }) => tenantTrunkChoices(ctx.tenant)),
    create: tenantAdminProcedure
      .input(createRouteSchema)
      .mutation(({ ctx, input }) => createTenantRoute(ctx.tenant, input)),
    update: tenantAdminProcedure
      .input(updateRouteSchema)
      .mutation(({ ctx, input }) => updateTenantRoute(ctx.tenant, input)),
    delete: tenantAdminProcedure.input(byId).mutation(({ ctx, input }) => deleteTenantRoute(ctx.tenant, input.id)),
  }),
});
