import { router, tenantAdminProcedure } from "@/server/api/trpc";
import { mohFileIdSchema, setHoldMusicSchema } from "@/server/musicOnHold/schemas";
import { deleteMohFile, getMusicOnHold, setHoldMusic } from "@/server/musicOnHold/service";

// Uploads are multipart, so they are a route handler (app/api/v1/domains/[domainId]/music-on-hold/files).
export const musicOnHoldRouter = router({
  get: tenantAdminProcedure.query(({ ctx }) => getMusicOnHold(ctx.tenant)),
  setChoice: tenantAdminProcedure
    .input(setHoldMusicSchema)
    .mutation(({ ctx, input }) => setHoldMusic(ctx.tenant, input)),
  deleteFile: tenantAdminProcedure
    .input(mohFileIdSchema)
    .mutation(({ ctx, input }) => deleteMohFile(ctx.tenant, input.id)),
});
