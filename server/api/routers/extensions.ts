import { z } from "zod";
import { router, tenantAdminProcedure, tenantUserProcedure } from "@/server/api/trpc";
import {
  createExtensionSchema,
  listExtensionsSchema,
  resetSipPasswordSchema,
  updateExtensionSchema,
  updateOwnExtensionSchema,
} from "@/server/extensions/schemas";
import {
  createExtension,
  deleteExtension,
  getExtension,
  getOwnExtension,
  listExtensions,
  resetSipPassword,
  updateExtension,
  updateOwnExtension,
} from "@/server/extensions/service";

const byId = z.object({ id: z.string().min(1) });

export const extensionsRouter = router({
  list: tenantAdminProcedure.input(listExtensionsSchema).query(({ ctx, input }) => listExtensions(ctx.tenant, input)),
  get: tenantAdminProcedure.input(byId).query(({ ctx, input }) => getExtension(ctx.tenant, input.id)),
  create: tenantAdminProcedure
    .input(createExtensionSchema)
    .mutation(({ ctx, input }) => createExtension(ctx.tenant, input)),
  update: tenantAdminProcedure
    .input(updateExtensionSchema)
    .mutation(({ ctx, input }) => updateExtension(ctx.tenant, input)),
  resetSipPassword: tenantAdminProcedure
    .input(resetSipPasswordSchema)
    .mutation(({ ctx, input }) => resetSipPassword(ctx.tenant, input.id, input.sipPassword)),
  delete: tenantAdminProcedure.input(byId).mutation(({ ctx, input }) => deleteExtension(ctx.tenant, input.id)),
  /** End users: their own extension only. */
  mine: tenantUserProcedure.query(({ ctx }) => getOwnExtension(ctx.tenant)),
  updateMine: tenantUserProcedure
    .input(updateOwnExtensionSchema)
    .mutation(({ ctx, input }) => updateOwnExtension(ctx.tenant, input)),
});
