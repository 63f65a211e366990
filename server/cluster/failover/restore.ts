import type { Db } from "@/server/db/client";
import { moveDomainsIn } from "@/server/cluster/domainAssignments";
import { lockFor } from "@/server/cluster/locks";
import type { PlatformContext } from "@/server/tenancy/context";
import { ConflictError, NotFoundError } from "@/server/tenancy/errors";
import { NodeRefs } from "./nodeRefs";
import type { RestoreAssignmentsInput } from "./schemas";
import { DOMAIN_RESTORED_TOPIC, FAILOVER_LOCK, SYSTEM_FAILOVER } from "./system";

/**
 * "Restore assignments": puts back the assignment the domain had before its first open
 * failover, and closes its open failover records. Refused while the engine still sees every
 * original node down, unless forced.
 */
export async function restoreAssignments(ctx: PlatformContext, { domainId, force }: RestoreAssignmentsInput) {
  return ctx.db.$transaction(async (tx) => {
    await lockFor(tx, FAILOVER_LOCK);
    const domain = await tx.domain.findUnique({ where: { id: domainId }, select: { id: true, name: true } });
    if (!domain) throw new NotFoundError("Domain");
    const open = await tx.failoverEvent.findMany({
      where: { domainId, restoredAt: null },
      orderBy: { at: "asc" },
      select: { id: true, fromNodes: true },
    });
    if (open.length === 0) throw new ConflictError("This domain has no failover to restore");
    const original = NodeRefs.parse(open[0]!.fromNodes);
    const existing = await tx.telephonyNode.findMany({
      where: { id: { in: original.map((n) => n.nodeId) } },
      select: { id: true, failoverStatus: { select: { down: true } } },
    });
    const nodes = original.filter((n) => existing.some((e) => e.id === n.nodeId));
    if (nodes.length === 0) throw new ConflictError("The domain's original nodes no longer exist");
    if (!force && existing.every((e) => e.failoverStatus?.down)) {
      throw new ConflictError("Every original node is still down; restore with force to move back anyway");
    }
    const revision = await moveDomainsIn(
      tx,
      ctx.actor,
      [
        {
          domainId,
          domainName: domain.name,
          nodes: nodes.map(({ nodeId, priority, weight }) => ({ nodeId, priority, weight })),
        },
      ],
      "domain.failover-restore",
      `domain ${domain.name} restored to ${nodes.map((n) => n.hostname).join(", ")}`,
    );
    const restoredAt = new Date();
    await tx.failoverEvent.updateMany({
      where: { id: { in: open.map((e) => e.id) } },
      data: { restoredAt, restoredBy: ctx.actor.label },
    });
    await tx.outboxEvent.create({
      data: {
        revisionId: revision,
        topic: DOMAIN_RESTORED_TOPIC,
        payload: {
          domainId,
          domain: domain.name,
          to: nodes.map((n) => n.hostname),
          by: ctx.actor.label,
          restoredAt: restoredAt.toISOString(),
        },
      },
    });
    return { revision, nodes };
  });
}

/**
 * Automatic restore (when the platform enables it): domains whose original nodes have all
 * been judged up for `stableMs`, and that still sit where the failover put them (an
 * operator's later re-assignment wins). Returns the restored domain ids.
 */
export async function autoRestore(db: Db, stableMs: number, now: Date): Promise<string[]> {
  const open = await db.failoverEvent.findMany({
    where: { restoredAt: null },
    orderBy: { at: "asc" },
    select: { domainId: true, fromNodes: true, toNodes: true, at: true },
  });
  const firstByDomain = new Map<string, (typeof open)[number]>();
  const lastByDomain = new Map<string, (typeof open)[number]>();
  for (const e of open) {
    if (!firstByDomain.has(e.domainId)) firstByDomain.set(e.domainId, e);
    lastByDomain.set(e.domainId, e);
  }
  const restored: string[] = [];
  for (const [domainId, first] of firstByDomain) {
    const original = NodeRefs.parse(first.fromNodes);
    const statuses = await db.failoverNodeStatus.findMany({ where: { nodeId: { in: original.map((n) => n.nodeId) } } });
    const stable =
      statuses.length === original.length &&
      statuses.every((s) => !s.down && now.getTime() - s.since.getTime() >= stableMs);
    if (!stable) continue;
    const placed = NodeRefs.parse(lastByDomain.get(domainId)!.toNodes)
      .map((n) => n.nodeId)
      .sort();
    const current = (await db.domainAssignment.findMany({ where: { domainId }, select: { nodeId: true } }))
      .map((a) => a.nodeId)
      .sort();
    if (placed.join() !== current.join()) continue;
    await restoreAssignments({ db, actor: SYSTEM_FAILOVER }, { domainId });
    restored.push(domainId);
  }
  return restored;
}
