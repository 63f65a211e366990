import { router, platformProcedure, tenantAdminProcedure } from "@/server/api/trpc";
import {
  addNumberRangeSchema,
  assignNumbersSchema,
  deleteNumbersSchema,
  listNumbersSchema,
  listTenantNumbersSchema,
  setNumberDestinationSchema,
  unassignNumbersSchema,
} from "@/server/numbers/schemas";
import {
  addNumberRange,
  assignNumbers,
  deleteNumbers,
  listNumbers,
  listTenantNumbers,
  setNumberDestination,
  unassignNumbers,
} from "@/server/numbers/service";

export const numbersRouter = router({
  list: platformProcedure.input(listNumbersSchema).query(({ ctx, input }) => listNumbers(ctx.platform, input)),
  addRange: platformProcedure
    .input(addNumberRangeSchema)
    .mutation(({ ctx, input }) => addNumberRange(ctx.platform, input)),
  assign: platformProcedure
    .input(assignNumbersSchema)
    .mutation(({ ctx, input }) => assignNumbers(ctx.platform, input.ids, input.domainId)),
  unassign: platformProcedure
    .input(unassignNumbersSchema)
    .mutation(({ ctx, input }) => unassignNumbers(ctx.platform, input.ids)),
  delete: platformProcedure
    .input(deleteNumbersSchema)
    .mutation(({ ctx, input }) => deleteNumbers(ctx.platform, input.ids)),
  /** Tenant admins: their domain's numbers and where each rings. */
  listMine: tenantAdminProcedure
    .input(listTenantNumbersSchema)
    .query(({ ctx, input }) => listTenantNumbers(ctx.tenant, input)),
  setDestination: tenantAdminProcedure
    .input(setNumberDestinationSchema)
    .mutation(({ ctx, input }) => setNumberDestination(ctx.tenant, input)),
});
