import { router, platformProcedure, tenantAdminProcedure } from "@/server/api/trpc";
import { auditEntityTypes, listAudit, listTenantAudit } from "@/server/audit/queries";
import { listAuditSchema } from "@/server/audit/schemas";

export const auditRouter = router({
  list: platformProcedure.input(listAuditSchema).query(({ ctx, input }) => listAudit(ctx.platform, input)),
  entityTypes: platformProcedure.query(({ ctx }) => auditEntityTypes(ctx.db)),
  tenant: router({
    list: tenantAdminProcedure.input(listAuditSchema).query(({ ctx, input }) => listTenantAudit(ctx.tenant, input)),
    entityTypes: tenantAdminProcedure.query(({ ctx }) => auditEntityTypes(ctx.db, ctx.tenant.domain.id)),
  }),
});
