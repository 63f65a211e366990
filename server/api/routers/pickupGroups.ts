import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { router, tenantAdminProcedure } from "@/server/api/trpc";
import {
  createPickupGroupSchema,
  listPickupGroupsSchema,
  updatePickupGroupSchema,
} from "@/server/pickupGroups/schemas";
import {
  createPickupGroup,
  deletePickupGroup,
  getPickupGroup,
  listPickupGroups,
  updatePickupGroup,
} from "@/server/pickupGroups/service";

const byId = z.object({ id: idSchema });

export const pickupGroupsRouter = router({
  list: tenantAdminProcedure
    .input(listPickupGroupsSchema)
    .query(({ ctx, input }) => listPickupGroups(ctx.tenant, input)),
  get: tenantAdminProcedure.input(byId).query(({ ctx, input }) => getPickupGroup(ctx.tenant, input.id)),
  create: tenantAdminProcedure
    .input(createPickupGroupSchema)
    .mutation(({ ctx, input }) => createPickupGroup(ctx.tenant, input)),
  update: tenantAdminProcedure
    .input(updatePickupGroupSchema)
    .mutation(({ ctx, input }) => updatePickupGroup(ctx.tenant, input)),
  delete: tenantAdminProcedure.input(byId).mutation(({ ctx, input }) => deletePickupGroup(ctx.tenant, input.id)),
});
