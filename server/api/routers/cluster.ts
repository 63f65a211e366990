import { z } from "zod";
import { platformProcedure, router } from "@/server/api/trpc";
import { bulkAssignDomains, listDomainAssignments, setDomainNodes } from "@/server/cluster/domainAssignments";
import { createNode, deleteNode, listNodes, setNodeAdminState, updateNode } from "@/server/cluster/nodes";
import {
  bulkAssignSchema,
  createNodeSchema,
  createSipProxySchema,
  idInputSchema,
  setDomainNodesSchema,
  setNodeAdminStateSchema,
  updateNodeSchema,
  updateSipProxySchema,
} from "@/server/cluster/schemas";
import { createSipProxy, deleteSipProxy, listSipProxies, updateSipProxy } from "@/server/cluster/sipProxies";
import { syncStatus } from "@/server/cluster/syncStatus";
import { idSchema } from "@/server/shared/id";

export const clusterRouter = router({
  nodes: router({
    list: platformProcedure.query(({ ctx }) => listNodes(ctx.platform)),
    create: platformProcedure.input(createNodeSchema).mutation(({ ctx, input }) => createNode(ctx.platform, input)),
    update: platformProcedure.input(updateNodeSchema).mutation(({ ctx, input }) => updateNode(ctx.platform, input)),
    setAdminState: platformProcedure
      .input(setNodeAdminStateSchema)
      .mutation(({ ctx, input }) => setNodeAdminState(ctx.platform, input)),
    delete: platformProcedure.input(idInputSchema).mutation(({ ctx, input }) => deleteNode(ctx.platform, input.id)),
  }),
  proxies: router({
    list: platformProcedure.query(({ ctx }) => listSipProxies(ctx.platform)),
    create: platformProcedure
      .input(createSipProxySchema)
      .mutation(({ ctx, input }) => createSipProxy(ctx.platform, input)),
    update: platformProcedure
      .input(updateSipProxySchema)
      .mutation(({ ctx, input }) => updateSipProxy(ctx.platform, input)),
    delete: platformProcedure.input(idInputSchema).mutation(({ ctx, input }) => deleteSipProxy(ctx.platform, input.id)),
  }),
  assignments: router({
    list: platformProcedure
      .input(z.object({ domainId: idSchema }))
      .query(({ ctx, input }) => listDomainAssignments(ctx.platform, input.domainId)),
    set: platformProcedure
      .input(setDomainNodesSchema)
      .mutation(({ ctx, input }) => setDomainNodes(ctx.platform, input)),
    bulkAssign: platformProcedure
      .input(bulkAssignSchema)
      .mutation(({ ctx, input }) => bulkAssignDomains(ctx.platform, input)),
  }),
  syncStatus: platformProcedure.query(({ ctx }) => syncStatus(ctx.platform)),
});
