import { router, tenantAdminProcedure } from "@/server/api/trpc";
import { updateParkingSchema } from "@/server/parking/schemas";
import { getParking, updateParking } from "@/server/parking/service";

export const parkingRouter = router({
  get: tenantAdminProcedure.query(({ ctx }) => getParking(ctx.tenant)),
  update: tenantAdminProcedure
    .input(updateParkingSchema)
    .mutation(({ ctx, input }) => updateParking(ctx.tenant, input)),
});
