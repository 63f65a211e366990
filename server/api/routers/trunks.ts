import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { router, platformProcedure } from "@/server/api/trpc";
import { createTrunkSchema, listTrunksSchema, updateTrunkSchema } from "@/server/trunks/schemas";
import { createTrunk, deleteTrunk, listTrunks, updateTrunk } from "@/server/trunks/service";

const byId = z.object({ id: idSchema });

export const trunksRouter = router({
  list: platformProcedure.input(listTrunksSchema).query(({ ctx, input }) => listTrunks(ctx.platform, input)),
  create: platformProcedure.input(createTrunkSchema).mutation(({ ctx, input }) => createTrunk(ctx.platform, input)),
  update: platformProcedure.input(updateTrunkSchema).mutation(({ ctx, input }) => updateTrunk(ctx.platform, input)),
  delete: platformProcedure.input(byId).mutation(({ ctx, input }) => deleteTrunk(ctx.platform, input.id)),
});
