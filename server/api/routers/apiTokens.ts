import { router, platformProcedure, tenantAdminProcedure } from "@/server/api/trpc";
import { createApiTokenSchema, listApiTokensSchema, revokeApiTokenSchema } from "@/server/apiTokens/schemas";
import {
  createDomainApiToken,
  createPlatformApiToken,
  listAllApiTokens,
  listDomainApiTokens,
  revokeAnyApiToken,
  revokeDomainApiToken,
} from "@/server/apiTokens/service";

export const apiTokensRouter = router({
  /** Platform admins: every token; new tokens made here act as a platform admin. */
  listAll: platformProcedure
    .input(listApiTokensSchema)
    .query(({ ctx, input }) => listAllApiTokens(ctx.platform, input)),
  createPlatform: platformProcedure
    .input(createApiTokenSchema)
    .mutation(({ ctx, input }) => createPlatformApiToken(ctx.platform, input)),
  revokeAny: platformProcedure
    .input(revokeApiTokenSchema)
    .mutation(({ ctx, input }) => revokeAnyApiToken(ctx.platform, input.id)),
  /** Tenant admins: tokens that act as a tenant admin of this domain only. */
  list: tenantAdminProcedure
    .input(listApiTokensSchema)
    .query(({ ctx, input }) => listDomainApiTokens(ctx.tenant, input)),
  create: tenantAdminProcedure
    .input(createApiTokenSchema)
    .mutation(({ ctx, input }) => createDomainApiToken(ctx.tenant, input)),
  revoke: tenantAdminProcedure
    .input(revokeApiTokenSchema)
    .mutation(({ ctx, input }) => revokeDomainApiToken(ctx.tenant, input.id)),
});
