import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { router, tenantAdminProcedure } from "@/server/api/trpc";
import {
  createTimeConditionSchema,
  listTimeConditionsSchema,
  setClosedNowSchema,
  setTimeZoneSchema,
  updateTimeConditionSchema,
} from "@/server/timeConditions/schemas";
import {
  createTimeCondition,
  deleteTimeCondition,
  getTimeCondition,
  listTimeConditions,
  setClosedNow,
  setDomainTimeZone,
  updateTimeCondition,
} from "@/server/timeConditions/service";

const byId = z.object({ id: idSchema });

export const timeConditionsRouter = router({
  list: tenantAdminProcedure
    .input(listTimeConditionsSchema)
    .query(({ ctx, input }) => listTimeConditions(ctx.tenant, input)),
  get: tenantAdminProcedure.input(byId).query(({ ctx, input }) => getTimeCondition(ctx.tenant, input.id)),
  create: tenantAdminProcedure
    .input(createTimeConditionSchema)
    .mutation(({ ctx, input }) => createTimeCondition(ctx.tenant, input)),
  update: tenantAdminProcedure
    .input(updateTimeConditionSchema)
    .mutation(({ ctx, input }) => updateTimeCondition(ctx.tenant, input)),
  delete: tenantAdminProcedure.input(byId).mutation(({ ctx, input }) => deleteTimeCondition(ctx.tenant, input.id)),
  setClosedNow: tenantAdminProcedure
    .input(setClosedNowSchema)
    .mutation(({ ctx, input }) => setClosedNow(ctx.tenant, input)),
  setTimeZone: tenantAdminProcedure
    .input(setTimeZoneSchema)
    .mutation(({ ctx, input }) => setDomainTimeZone(ctx.tenant, input)),
});
