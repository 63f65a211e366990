import "server-only";
import { writeAudit, writeAudits } from "@/server/audit/writeAudit";
import type { DbTx } from "@/server/db/client";
import type { Actor, PlatformContext } from "@/server/tenancy/context";
import { NotFoundError } from "@/server/tenancy/errors";
import { recordChange } from "./recordChange";
import type { AssignedNodeInput, BulkAssignInput, SetDomainNodesInput } from "./schemas";

type Assigned = { nodeId: string; priority: number; weight: number };

/** The set-based insert below cannot fall back to column defaults row by row, so they are filled here. */
const withDefaults = (nodes: AssignedNodeInput[]): Assigned[] =>
  nodes.map((n) => ({ nodeId: n.nodeId, priority: n.priority ?? 0, weight: n.weight ?? 100 }));

export async function listDomainAssignments(ctx: PlatformContext, domainId: string) {
  return ctx.db.domainAssignment.findMany({
    where: { domainId },
    select: { nodeId: true, priority: true, weight: true, node: { select: { hostname: true, adminState: true } } },
    orderBy: [{ priority: "asc" }, { node: { hostname: "asc" } }],
  });
}

async function checkNodes(tx: DbTx, nodes: Assigned[]): Promise<void> {
  const ids = [...new Set(nodes.map((n) => n.nodeId))];
  if ((await tx.telephonyNode.count({ where: { id: { in: ids } } })) !== ids.length) throw new NotFoundError("Node");
}

/** Replaces the node set of many domains: one transaction, one audit row, one revision. */
async function assign(tx: DbTx, domainIds: string[], nodes: Assigned[]): Promise<void> {
  await checkNodes(tx, nodes);
  // Set-based SQL: 10,000 domains cost two statements, not 10,000 row round trips.
  await tx.$executeRaw`DELETE FROM "DomainAssignment" WHERE "domainId" = ANY(${domainIds}::text[])`;
  if (nodes.length > 0) {
    await tx.$executeRaw`
      INSERT INTO "DomainAssignment" (id, "domainId", "nodeId", priority, weight)
      SELECT gen_random_uuid()::text, d, n.node_id, n.priority, n.weight
      FROM unnest(${domainIds}::text[]) AS d
      CROSS JOIN unnest(${nodes.map((n) => n.nodeId)}::text[], ${nodes.map((n) => n.priority)}::int[],
        ${nodes.map((n) => n.weight)}::int[]) AS n(node_id, priority, weight)`;
  }
}

export type DomainMove = { domainId: string; domainName: string; nodes: Assigned[] };

/**
 * Gives each domain its own new node set inside the caller's transaction: an audit row per
 * domain (`action`), the endpoint caches, and one cluster revision for all of them. The one
 * path for re-assignments, whether an operator or the failover engine makes them.
 */
export async function moveDomainsIn(
  tx: DbTx,
  actor: Actor,
  moves: DomainMove[],
  action: string,
  reason: string,
): Promise<bigint> {
  const ids = moves.map((m) => m.domainId);
  const before = await tx.domainAssignment.findMany({
    where: { domainId: { in: ids } },
    select: { domainId: true, nodeId: true, priority: true, weight: true },
  });
  const groups = new Map<string, { nodes: Assigned[]; domainIds: string[] }>();
  for (const m of moves) {
    const key = JSON.stringify(m.nodes);
    const group = groups.get(key) ?? { nodes: m.nodes, domainIds: [] };
    group.domainIds.push(m.domainId);
    groups.set(key, group);
  }
  for (const g of groups.values()) await assign(tx, g.domainIds, g.nodes);
  await writeAudits(
    tx,
    actor,
    moves.map((m) => ({
      domainId: m.domainId,
      action,
      entityType: "Domain",
      entityId: m.domainId,
      before: { nodes: before.filter((b) => b.domainId === m.domainId).map(({ domainId: _, ...n }) => n) },
      after: { nodes: m.nodes },
    })),
  );
  return recordChange(tx, {
    // Which nodes the endpoint answers for these domains, and which trunks they carry.
    invalidate: moves.length === 1 ? { domain: moves[0]!.domainName } : { platform: true },
    push: { reason, events: [{ topic: "kamailio.sync" }] },
  });
}

/** Sets which nodes serve a domain; an empty list returns it to the general pool. */
export async function setDomainNodes(ctx: PlatformContext, input: SetDomainNodesInput) {
  const { domainId } = input;
  const nodes = withDefaults(input.nodes);
  return ctx.db.$transaction(async (tx) => {
    const domain = await tx.domain.findUnique({ where: { id: domainId }, select: { id: true, name: true } });
    if (!domain) throw new NotFoundError("Domain");
    return moveDomainsIn(
      tx,
      ctx.actor,
      [{ domainId, domainName: domain.name, nodes }],
      "domain.assign-nodes",
      `domain ${domain.name} assigned to ${nodes.length} node(s)`,
    );
  });
}

/** Moves many domains (e.g. 10,000) to the same node set in one operation. */
export async function bulkAssignDomains(ctx: PlatformContext, input: BulkAssignInput) {
  const nodes = withDefaults(input.nodes);
  const unique = [...new Set(input.domainIds)];
  return ctx.db.$transaction(
    async (tx) => {
      const [found] = await tx.$queryRaw<
        { n: bigint }[]
      >`SELECT count(*) AS n FROM "Domain" WHERE id = ANY(${unique}::text[])`;
      if (Number(found?.n ?? 0) !== unique.length) throw new NotFoundError("Domain");
      await assign(tx, unique, nodes);
      await writeAudit(tx, ctx.actor, {
        action: "domain.bulk-assign-nodes",
        entityType: "DomainAssignment",
        after: { domainCount: unique.length, domainIds: unique.slice(0, 100), nodes },
      });
      return recordChange(tx, {
        invalidate: { platform: true },
        push: {
          reason: `${unique.length} domains assigned to ${nodes.length} node(s)`,
          events: [{ topic: "kamailio.sync" }],
        },
      });
    },
    { timeout: 60_000 },
  );
}
