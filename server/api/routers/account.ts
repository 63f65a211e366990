import { protectedProcedure, router } from "@/server/api/trpc";
import { changePasswordSchema } from "@/server/account/schemas";
import { changeOwnPassword } from "@/server/account/service";

export const accountRouter = router({
  changePassword: protectedProcedure
    .input(changePasswordSchema)
    .mutation(({ ctx, input }) => changeOwnPassword(ctx.db, ctx.actor, ctx.caller.userId, input)),
});
