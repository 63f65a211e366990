import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { router, tenantAdminProcedure, tenantUserProcedure } from "@/server/api/trpc";
import {
  AGENT_STATUSES,
  createCallQueueSchema,
  listCallQueuesSchema,
  setAgentStatusSchema,
  updateCallQueueSchema,
} from "@/server/callQueues/schemas";
import {
  createCallQueue,
  deleteCallQueue,
  getCallQueue,
  getOwnAgent,
  listCallQueues,
  listQueueAgents,
  setAgentStatus,
  setOwnAgentStatus,
  updateCallQueue,
} from "@/server/callQueues/service";

const byId = z.object({ id: idSchema });

export const callQueuesRouter = router({
  list: tenantAdminProcedure.input(listCallQueuesSchema).query(({ ctx, input }) => listCallQueues(ctx.tenant, input)),
  get: tenantAdminProcedure.input(byId).query(({ ctx, input }) => getCallQueue(ctx.tenant, input.id)),
  create: tenantAdminProcedure
    .input(createCallQueueSchema)
    .mutation(({ ctx, input }) => createCallQueue(ctx.tenant, input)),
  update: tenantAdminProcedure
    .input(updateCallQueueSchema)
    .mutation(({ ctx, input }) => updateCallQueue(ctx.tenant, input)),
  delete: tenantAdminProcedure.input(byId).mutation(({ ctx, input }) => deleteCallQueue(ctx.tenant, input.id)),
  agents: tenantAdminProcedure
    .input(listCallQueuesSchema)
    .query(({ ctx, input }) => listQueueAgents(ctx.tenant, input)),
  setAgentStatus: tenantAdminProcedure
    .input(setAgentStatusSchema)
    .mutation(({ ctx, input }) => setAgentStatus(ctx.tenant, input)),
  /** End users: their own phone's agent status ("My phone"). */
  myAgent: tenantUserProcedure.query(({ ctx }) => getOwnAgent(ctx.tenant)),
  setMyAgentStatus: tenantUserProcedure
    .input(z.object({ status: z.enum(AGENT_STATUSES) }))
    .mutation(({ ctx, input }) => setOwnAgentStatus(ctx.tenant, input.status)),
});
