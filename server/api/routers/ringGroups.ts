import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { router, tenantAdminProcedure } from "@/server/api/trpc";
import { createRingGroupSchema, listRingGroupsSchema, updateRingGroupSchema } from "@/server/ringGroups/schemas";
import {
  createRingGroup,
  deleteRingGroup,
  getRingGroup,
  listRingGroups,
  updateRingGroup,
} from "@/server/ringGroups/service";

const byId = z.object({ id: idSchema });

export const ringGroupsRouter = router({
  list: tenantAdminProcedure.input(listRingGroupsSchema).query(({ ctx, input }) => listRingGroups(ctx.tenant, input)),
  get: tenantAdminProcedure.input(byId).query(({ ctx, input }) => getRingGroup(ctx.tenant, input.id)),
  create: tenantAdminProcedure
    .input(createRingGroupSchema)
    .mutation(({ ctx, input }) => createRingGroup(ctx.tenant, input)),
  update: tenantAdminProcedure
    .input(updateRingGroupSchema)
    .mutation(({ ctx, input }) => updateRingGroup(ctx.tenant, input)),
  delete: tenantAdminProcedure.input(byId).mutation(({ ctx, input }) => deleteRingGroup(ctx.tenant, input.id)),
});
