import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { router, tenantAdminProcedure } from "@/server/api/trpc";
import {
  createConferenceRoomSchema,
  listConferenceRoomsSchema,
  updateConferenceRoomSchema,
} from "@/server/conferenceRooms/schemas";
import {
  createConferenceRoom,
  deleteConferenceRoom,
  getConferenceRoom,
  listConferenceRooms,
  updateConferenceRoom,
} from "@/server/conferenceRooms/service";

const byId = z.object({ id: idSchema });

export const conferenceRoomsRouter = router({
  list: tenantAdminProcedure
    .input(listConferenceRoomsSchema)
    .query(({ ctx, input }) => listConferenceRooms(ctx.tenant, input)),
  get: tenantAdminProcedure.input(byId).query(({ ctx, input }) => getConferenceRoom(ctx.tenant, input.id)),
  create: tenantAdminProcedure
    .input(createConferenceRoomSchema)
    .mutation(({ ctx, input }) => createConferenceRoom(ctx.tenant, input)),
  update: tenantAdminProcedure
    .input(updateConferenceRoomSchema)
    .mutation(({ ctx, input }) => updateConferenceRoom(ctx.tenant, input)),
  delete: tenantAdminProcedure.input(byId).mutation(({ ctx, input }) => deleteConferenceRoom(ctx.tenant, input.id)),
});
