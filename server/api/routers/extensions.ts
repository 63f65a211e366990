import { z } from "zod";
import { idSchema } from "@/server/shared/id";
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
import { importCsvSchema, previewCsvSchema } from "@/server/extensions/csvSchema";
import { importExtensionsBatch, previewExtensionsCsv } from "@/server/extensions/csvImport";
import { exportExtensionsCsv } from "@/server/extensions/csvExport";

const byId = z.object({ id: idSchema });

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
  /** Dry run: writes nothing. A mutation because the file travels in the request body. */
  previewCsv: tenantAdminProcedure
    .input(previewCsvSchema)
    .mutation(({ ctx, input }) => previewExtensionsCsv(ctx.tenant, input.csv)),
  /** One batch of previewed rows; the page sends batches in turn and shows progress. */
  importCsv: tenantAdminProcedure
    .input(importCsvSchema)
    .mutation(({ ctx, input }) => importExtensionsBatch(ctx.tenant, input.rows)),
  exportCsv: tenantAdminProcedure.mutation(({ ctx }) => exportExtensionsCsv(ctx.tenant)),
  /** End users: their own extension only. */
  mine: tenantUserProcedure.query(({ ctx }) => getOwnExtension(ctx.tenant)),
  updateMine: tenantUserProcedure
    .input(updateOwnExtensionSchema)
    .mutation(({ ctx, input }) => updateOwnExtension(ctx.tenant, input)),
});
