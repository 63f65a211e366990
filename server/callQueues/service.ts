import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import type { AgentStatus } from "@/server/db/generated/enums";
import type { Db, DbTx } from "@/server/db/client";
import { writeAudit } from "@/server/audit/writeAudit";
import type { ClusterEvent } from "@/server/cluster/events";
import { recordChange } from "@/server/cluster/recordChange";
import { AGENT_STATUS_PARAMS, callQueueName, queueAgentName } from "@/server/dialplan/callQueue";
import { assertNumberFree } from "@/server/shared/assertNumberFree";
import { assertDestinationExists, findDestinationReferences } from "@/server/shared/destinationQueries";
import { pageArgs, type Page } from "@/server/shared/pagination";
import { phoneActor, type Actor, type TenantContext } from "@/server/tenancy/context";
import { ConflictError, ForbiddenError, NotFoundError } from "@/server/tenancy/errors";
import { assertWithinPlan } from "@/server/tenancy/assertWithinPlan";
import type { CreateCallQueueInput, ListCallQueuesInput, SetAgentStatusInput, UpdateCallQueueInput } from "./schemas";

const agentExtensionSelect = { id: true, number: true, displayName: true, enabled: true, agentStatus: true } as const;

const queueSelect = {
  id: true,
  number: true,
  name: true,
  strategy: true,
  maxWaitSeconds: true,
  noAgentWaitSeconds: true,
  tierWaitSeconds: true,
  record: true,
  fallbackType: true,
  fallbackTarget: true,
  updatedAt: true,
  agents: {
    orderBy: [{ level: "asc" }, { position: "asc" }],
    select: { level: true, position: true, extension: { select: agentExtensionSelect } },
  },
} satisfies Prisma.CallQueueSelect;

export type CallQueueView = Prisma.CallQueueGetPayload<{ select: typeof queueSelect }>;

async function findQueue(tx: DbTx, ctx: TenantContext, id: string): Promise<CallQueueView> {
  const queue = await tx.callQueue.findFirst({ where: { id, domainId: ctx.domain.id }, select: queueSelect });
  if (!queue) throw new NotFoundError("Call queue");
  return queue;
}

async function validate(tx: DbTx, ctx: TenantContext, input: CreateCallQueueInput, id?: string): Promise<void> {
  await assertNumberFree(tx, ctx.domain.id, input.number, id ? { kind: "callQueue", id } : undefined);
  const ids = input.agents.map((a) => a.extensionId);
  // Agents must be extensions of this domain; ids from elsewhere are refused, not silently dropped.
  if (
    ids.length > 0 &&
    (await tx.extension.count({ where: { domainId: ctx.domain.id, id: { in: ids } } })) !== ids.length
  )
    throw new ConflictError("Agents must be extensions of this domain", "agents");
  // Falling back to itself would keep a caller queued forever.
  if (input.fallback.type === "QUEUE" && input.fallback.target === input.number)
    throw new ConflictError("A call queue cannot fall back to itself", "fallback.target");
  await assertDestinationExists(tx, ctx.domain.id, input.fallback, "fallback.target");
}

function columns(input: CreateCallQueueInput) {
  return {
    number: input.number,
    name: input.name,
    strategy: input.strategy,
    maxWaitSeconds: input.maxWaitSeconds,
    noAgentWaitSeconds: input.noAgentWaitSeconds,
    tierWaitSeconds: input.tierWaitSeconds,
    record: input.record,
    fallbackType: input.fallback.type,
    fallbackTarget: input.fallback.target,
  };
}

/** Tiers in the order given: position counts within each level, from 1. */
function agentRows(agents: CreateCallQueueInput["agents"]) {
  const perLevel = new Map<number, number>();
  return agents.map((a) => {
    const position = (perLevel.get(a.level) ?? 0) + 1;
    perLevel.set(a.level, position);
    return { extensionId: a.extensionId, level: a.level, position };
  });
}

/** Tells the nodes serving the domain to (re)load or drop the queue, with the answer caches. */
function queueChanged(
  tx: DbTx,
  ctx: TenantContext,
  number: string,
  change: { removedAgents: string[]; deleted: boolean },
) {
  const queue = callQueueName(ctx.domain.name, number);
  return recordChange(tx, {
    invalidate: { domain: ctx.domain.name },
    push: {
      reason: `call queue ${queue} ${change.deleted ? "deleted" : "changed"}`,
      events: [{ topic: "freeswitch.queue-changed", domain: ctx.domain.name, queue, ...change }],
    },
  });
}

export async function listCallQueues(ctx: TenantContext, input: ListCallQueuesInput): Promise<Page<CallQueueView>> {
  const where: Prisma.CallQueueWhereInput = {
    domainId: ctx.domain.id,
    ...(input.search
      ? { OR: [{ number: { startsWith: input.search } }, { name: { contains: input.search, mode: "insensitive" } }] }
      : {}),
  };
  const [items, total] = await Promise.all([
    ctx.db.callQueue.findMany({ where, select: queueSelect, orderBy: [{ number: "asc" }], ...pageArgs(input) }),
    ctx.db.callQueue.count({ where }),
  ]);
  return { items, total, page: input.page, pageSize: input.pageSize };
}

export async function getCallQueue(ctx: TenantContext, id: string): Promise<CallQueueView> {
  return findQueue(ctx.db, ctx, id);
}

export async function createCallQueue(ctx: TenantContext, input: CreateCallQueueInput): Promise<CallQueueView> {
  return ctx.db.$transaction(async (tx) => {
    await assertWithinPlan(tx, ctx.domain.id, "maxQueues");
    await validate(tx, ctx, input);
    const queue = await tx.callQueue.create({
      data: { ...columns(input), domainId: ctx.domain.id, agents: { create: agentRows(input.agents) } },
      select: queueSelect,
    });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "call-queue.create",
      entityType: "CallQueue",
      entityId: queue.id,
      after: input,
    });
    await queueChanged(tx, ctx, queue.number, { removedAgents: [], deleted: false });
    return queue;
  });
}

export async function updateCallQueue(ctx: TenantContext, input: UpdateCallQueueInput): Promise<CallQueueView> {
  const { id, ...fields } = input;
  return ctx.db.$transaction(async (tx) => {
    const before = await findQueue(tx, ctx, id);
    if (before.number !== fields.number) {
      const refs = await findDestinationReferences(tx, ctx.domain.id, "QUEUE", before.number, id);
      if (refs.length > 0)
        throw new ConflictError(`Calls reach ${before.number} from ${refs.join(", ")}; change those first`, "number");
    }
    await validate(tx, ctx, fields, id);
    // Tiers are replaced as a whole: their order is the meaning.
    await tx.callQueueAgent.deleteMany({ where: { queueId: id } });
    const queue = await tx.callQueue.update({
      where: { id },
      data: { ...columns(fields), agents: { create: agentRows(fields.agents) } },
      select: queueSelect,
    });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "call-queue.update",
      entityType: "CallQueue",
      entityId: id,
      before,
      after: fields,
    });
    const kept = new Set(queue.agents.map((a) => a.extension.id));
    const removedAgents = before.agents
      .filter((a) => !kept.has(a.extension.id))
      .map((a) => queueAgentName(ctx.domain.name, a.extension.number));
    if (before.number !== queue.number) {
      // A renumbered queue is a new queue on the node; the old name goes.
      await queueChanged(tx, ctx, before.number, { removedAgents: [], deleted: true });
      await queueChanged(tx, ctx, queue.number, { removedAgents: [], deleted: false });
    } else await queueChanged(tx, ctx, queue.number, { removedAgents, deleted: false });
    return queue;
  });
}

export async function deleteCallQueue(ctx: TenantContext, id: string): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const before = await findQueue(tx, ctx, id);
    const refs = await findDestinationReferences(tx, ctx.domain.id, "QUEUE", before.number, id);
    if (refs.length > 0) throw new ConflictError(`Still in use by ${refs.join(", ")}`);
    await tx.callQueue.delete({ where: { id } });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "call-queue.delete",
      entityType: "CallQueue",
      entityId: id,
      before,
    });
    await queueChanged(tx, ctx, before.number, { removedAgents: [], deleted: true });
  });
}

type AgentExtension = { id: string; number: string; agentStatus: AgentStatus };

/** The one way an agent's status changes: the row, its audit, and the push to the nodes, in one transaction. */
async function writeAgentStatus(
  tx: DbTx,
  actor: Actor,
  domain: { id: string; name: string },
  extension: AgentExtension,
  status: AgentStatus,
): Promise<void> {
  if (extension.agentStatus === status) return;
  await tx.extension.update({ where: { id: extension.id }, data: { agentStatus: status } });
  await writeAudit(tx, actor, {
    domainId: domain.id,
    action: "call-queue.agent-status",
    entityType: "Extension",
    entityId: extension.id,
    before: { agentStatus: extension.agentStatus },
    after: { agentStatus: status },
  });
  const agent = queueAgentName(domain.name, extension.number);
  await recordChange(tx, {
    invalidate: { domain: domain.name },
    push: {
      reason: `agent ${agent} ${AGENT_STATUS_PARAMS[status]}`,
      events: [{ topic: "freeswitch.agent-status", domain: domain.name, agent, status: AGENT_STATUS_PARAMS[status] }],
    },
  });
}

/** An agent as the portal shows it: its status and the queues it answers. */
export type QueueAgentView = {
  extensionId: string;
  number: string;
  displayName: string;
  status: AgentStatus;
  queues: { number: string; name: string }[];
};

const agentSelect = {
  id: true,
  number: true,
  displayName: true,
  agentStatus: true,
  queueAgents: { orderBy: { queue: { number: "asc" } }, select: { queue: { select: { number: true, name: true } } } },
} satisfies Prisma.ExtensionSelect;

function agentViewOf(x: Prisma.ExtensionGetPayload<{ select: typeof agentSelect }>): QueueAgentView {
  return {
    extensionId: x.id,
    number: x.number,
    displayName: x.displayName,
    status: x.agentStatus,
    queues: x.queueAgents.map((a) => a.queue),
  };
}

async function agentView(db: DbTx, domainId: string, extensionId: string): Promise<QueueAgentView> {
  const x = await db.extension.findFirst({ where: { id: extensionId, domainId }, select: agentSelect });
  if (!x) throw new NotFoundError("Extension");
  return agentViewOf(x);
}

/** Every extension of the domain that answers a queue, with its status: the queue page's agent board. */
export async function listQueueAgents(ctx: TenantContext, input: ListCallQueuesInput): Promise<Page<QueueAgentView>> {
  const where: Prisma.ExtensionWhereInput = {
    domainId: ctx.domain.id,
    queueAgents: { some: {} },
    ...(input.search ? { number: { startsWith: input.search } } : {}),
  };
  const [rows, total] = await Promise.all([
    ctx.db.extension.findMany({ where, select: agentSelect, orderBy: { number: "asc" }, ...pageArgs(input) }),
    ctx.db.extension.count({ where }),
  ]);
  return { items: rows.map(agentViewOf), total, page: input.page, pageSize: input.pageSize };
}

/** A tenant admin sets any agent's status (an agent of no queue has nothing to log in to). */
export async function setAgentStatus(ctx: TenantContext, input: SetAgentStatusInput): Promise<QueueAgentView> {
  return ctx.db.$transaction(async (tx) => {
    const before = await agentView(tx, ctx.domain.id, input.extensionId);
    if (before.queues.length === 0) throw new ConflictError(`${before.number} answers no call queue`, "extensionId");
    await writeAgentStatus(
      tx,
      ctx.actor,
      ctx.domain,
      { id: before.extensionId, number: before.number, agentStatus: before.status },
      input.status,
    );
    return { ...before, status: input.status };
  });
}

function ownExtensionId(ctx: TenantContext): string {
  if (!ctx.extensionId) throw new ForbiddenError("Your account has no extension");
  return ctx.extensionId;
}

/** "My phone": the caller's own agent status and queues. */
export function getOwnAgent(ctx: TenantContext): Promise<QueueAgentView> {
  return agentView(ctx.db, ctx.domain.id, ownExtensionId(ctx));
}

export function setOwnAgentStatus(ctx: TenantContext, status: AgentStatus): Promise<QueueAgentView> {
  return setAgentStatus(ctx, { extensionId: ownExtensionId(ctx), status });
}

/**
 * `*22` from a phone (node scope, see server/tenancy/context.ts): logs the calling
 * extension in or out of its queues, audited as the phone.
 */
export async function applyAgentStatusSwitch(
  db: Db,
  target: { domainId: string; domainName: string; extension: string },
  status: AgentStatus,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const extension = await tx.extension.findUnique({
      where: { domainId_number: { domainId: target.domainId, number: target.extension } },
      select: { id: true, number: true, agentStatus: true },
    });
    if (!extension) return;
    const actor = phoneActor(target.extension, target.domainName);
    await writeAgentStatus(tx, actor, { id: target.domainId, name: target.domainName }, extension, status);
  });
}

/**
 * Keeps the nodes' agents in step with the extension behind them: a deleted extension's agent
 * leaves its queues' tiers, a disabled one is logged out there and offered no calls, a
 * re-enabled one gets its status back. Call it in the extension's own transaction, before the
 * change (the tiers are read first).
 */
export async function reflectExtensionInQueues(
  tx: DbTx,
  domain: { id: string; name: string },
  extension: { id: string; number: string; agentStatus: AgentStatus },
  change: "deleted" | "disabled" | "enabled",
): Promise<void> {
  const tiers = await tx.callQueueAgent.findMany({
    where: { extensionId: extension.id },
    select: { queue: { select: { number: true } } },
  });
  const [first, ...more] = tiers;
  if (!first) return;
  const agent = queueAgentName(domain.name, extension.number);
  if (change === "deleted") {
    const leave = ({ queue }: typeof first): ClusterEvent => ({
      topic: "freeswitch.queue-changed",
      domain: domain.name,
      queue: callQueueName(domain.name, queue.number),
      removedAgents: [agent],
      deleted: false,
    });
    await recordChange(tx, {
      invalidate: { domain: domain.name },
      push: { reason: `agent ${agent} deleted`, events: [leave(first), ...more.map(leave)] },
    });
    return;
  }
  const status = AGENT_STATUS_PARAMS[change === "disabled" ? "LOGGED_OUT" : extension.agentStatus];
  await recordChange(tx, {
    invalidate: { domain: domain.name },
    push: {
      reason: `agent ${agent} ${change}`,
      events: [{ topic: "freeswitch.agent-status", domain: domain.name, agent, status }],
    },
  });
}
