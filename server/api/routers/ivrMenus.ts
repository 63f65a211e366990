import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { router, tenantAdminProcedure } from "@/server/api/trpc";
import { createIvrMenuSchema, listIvrMenusSchema, updateIvrMenuSchema } from "@/server/ivrMenus/schemas";
import { createIvrMenu, deleteIvrMenu, getIvrMenu, listIvrMenus, updateIvrMenu } from "@/server/ivrMenus/service";

const byId = z.object({ id: idSchema });

export const ivrMenusRouter = router({
  list: tenantAdminProcedure.input(listIvrMenusSchema).query(({ ctx, input }) => listIvrMenus(ctx.tenant, input)),
  get: tenantAdminProcedure.input(byId).query(({ ctx, input }) => getIvrMenu(ctx.tenant, input.id)),
  create: tenantAdminProcedure
    .input(createIvrMenuSchema)
    .mutation(({ ctx, input }) => createIvrMenu(ctx.tenant, input)),
  update: tenantAdminProcedure
    .input(updateIvrMenuSchema)
    .mutation(({ ctx, input }) => updateIvrMenu(ctx.tenant, input)),
  delete: tenantAdminProcedure.input(byId).mutation(({ ctx, input }) => deleteIvrMenu(ctx.tenant, input.id)),
});
