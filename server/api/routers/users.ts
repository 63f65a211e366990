import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { router, platformProcedure, tenantAdminProcedure } from "@/server/api/trpc";
import {
  createTenantUserSchema,
  createUserSchema,
  listTenantUsersSchema,
  listUsersSchema,
  resetUserPasswordSchema,
  setMembershipsSchema,
  setUserDisabledSchema,
  updateTenantUserSchema,
} from "@/server/users/schemas";
import {
  createUser,
  extensionChoices,
  listUsers,
  resetUserPassword,
  setMemberships,
  setUserDisabled,
} from "@/server/users/service";
import {
  createTenantUser,
  listTenantUsers,
  removeTenantUser,
  resetTenantUserPassword,
  setTenantUserDisabled,
  updateTenantUser,
} from "@/server/users/tenantService";

const byId = z.object({ id: idSchema });

export const usersRouter = router({
  platform: router({
    list: platformProcedure.input(listUsersSchema).query(({ ctx, input }) => listUsers(ctx.platform, input)),
    create: platformProcedure.input(createUserSchema).mutation(({ ctx, input }) => createUser(ctx.platform, input)),
    setDisabled: platformProcedure
      .input(setUserDisabledSchema)
      .mutation(({ ctx, input }) => setUserDisabled(ctx.platform, input.id, input.disabled)),
    resetPassword: platformProcedure
      .input(resetUserPasswordSchema)
      .mutation(({ ctx, input }) => resetUserPassword(ctx.platform, input.id, input.password)),
    setMemberships: platformProcedure
      .input(setMembershipsSchema)
      .mutation(({ ctx, input }) => setMemberships(ctx.platform, input.id, input.memberships)),
    /** Extensions of one tenant, to link an end-user login to. */
    extensionChoices: platformProcedure
      .input(z.object({ domainId: idSchema }))
      .query(({ ctx, input }) => extensionChoices(ctx.platform, input.domainId)),
  }),
  tenant: router({
    list: tenantAdminProcedure
      .input(listTenantUsersSchema)
      .query(({ ctx, input }) => listTenantUsers(ctx.tenant, input)),
    create: tenantAdminProcedure
      .input(createTenantUserSchema)
      .mutation(({ ctx, input }) => createTenantUser(ctx.tenant, input)),
    update: tenantAdminProcedure
      .input(updateTenantUserSchema)
      .mutation(({ ctx, input }) => updateTenantUser(ctx.tenant, input)),
    setDisabled: tenantAdminProcedure
      .input(setUserDisabledSchema)
      .mutation(({ ctx, input }) => setTenantUserDisabled(ctx.tenant, input.id, input.disabled)),
    resetPassword: tenantAdminProcedure
      .input(resetUserPasswordSchema)
      .mutation(({ ctx, input }) => resetTenantUserPassword(ctx.tenant, input.id, input.password)),
    remove: tenantAdminProcedure.input(byId).mutation(({ ctx, input }) => removeTenantUser(ctx.tenant, input.id)),
  }),
});
