import { z } from "zod";
import { platformProcedure, router } from "@/server/api/trpc";
import { bulkAssignDomains, listDomainAssignments, setDomainNodes } from "@/server/cluster/domainAssignments";
import { createNode, deleteNode, listNodes, setNodeAdminState, updateNode } from "@/server/cluster/nodes";
import {
  BulkAssignInput,
  CreateNodeInput,
  CreateSipProxyInput,
  IdInput,
  SetDomainNodesInput,
  SetNodeAdminStateInput,
  UpdateNodeInput,
  UpdateSipProxyInput,
} from "@/server/cluster/schemas";
import { createSipProxy, deleteSipProxy, listSipProxies, updateSipProxy } from "@/server/cluster/sipProxies";
import { syncStatus } from "@/server/cluster/syncStatus";

export const clusterRouter = router({
  nodes: router({
    list: platformProcedure.query(({ ctx }) => listNodes(ctx.platform)),
    create: platformProcedure.input(CreateNodeInput).mutation(({ ctx, input }) => createNode(ctx.platform, input)),
    update: platformProcedure.input(UpdateNodeInput).mutation(({ ctx, input }) => updateNode(ctx.platform, input)),
    setAdminState: platformProcedure
      .input(SetNodeAdminStateInput)
      .mutation(({ ctx, input }) => setNodeAdminState(ctx.platform, input)),
    delete: platformProcedure.input(IdInput).mutation(({ ctx, input }) => deleteNode(ctx.platform, input.id)),
  }),
  proxies: router({
    list: platformProcedure.query(({ ctx }) => listSipProxies(ctx.platform)),
    create: platformProcedure
      .input(CreateSipProxyInput)
      .mutation(({ ctx, input }) => createSipProxy(ctx.platform, input)),
    update: platformProcedure
      .input(UpdateSipProxyInput)
      .mutation(({ ctx, input }) => updateSipProxy(ctx.platform, input)),
    delete: platformProcedure.input(IdInput).mutation(({ ctx, input }) => deleteSipProxy(ctx.platform, input.id)),
  }),
  assignments: router({
    list: platformProcedure
      .input(z.object({ domainId: z.string().min(1).max(64) }))
      .query(({ ctx, input }) => listDomainAssignments(ctx.platform, input.domainId)),
    set: platformProcedure.input(SetDomainNodesInput).mutation(({ ctx, input }) => setDomainNodes(ctx.platform, input)),
    bulkAssign: platformProcedure
      .input(BulkAssignInput)
      .mutation(({ ctx, input }) => bulkAssignDomains(ctx.platform, input)),
  }),
  syncStatus: platformProcedure.query(({ ctx }) => syncStatus(ctx.platform)),
});
