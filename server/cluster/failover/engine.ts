import type { Db, DbTx } from "@/server/db/client";
import { moveDomainsIn } from "@/server/cluster/domainAssignments";
import { lockFor } from "@/server/cluster/locks";
import { DEFAULT_HEARTBEAT_TIMEOUT_MS } from "@/server/liveState/nodeHealth";
import { recordWebhookEvent } from "@/server/webhooks/recordWebhookEvent";
import { nodeVerdict, type NodeVerdict } from "./detection";
import { domainDemands, nodeLoads } from "./loads";
import type { NodeRef } from "./nodeRefs";
import { planFailover, type Candidate } from "./placement";
import { autoRestore } from "./restore";
import { readFailoverSettings } from "./settings";
import { readNodeFacts, type NodeFacts } from "./signals";
import { DOMAIN_MOVED_TOPIC, FAILOVER_LOCK, SYSTEM_FAILOVER } from "./system";

export type FailoverMove = { domainId: string; domain: string; from: string[]; to: string[]; eventId: string };
export type TickResult = { downNodeIds: string[]; moved: FailoverMove[]; revision: bigint | null; restored: string[] };

/**
 * Persists the engine's verdict per node; `since` changes only when the verdict flips. A flip
 * (or a first verdict of "down") is a node.down / node.up webhook event, in the same transaction.
 */
async function recordVerdicts(db: Db, verdicts: Map<string, NodeVerdict>, now: Date): Promise<void> {
  const current = new Map((await db.failoverNodeStatus.findMany()).map((s) => [s.nodeId, s] as const));
  for (const [nodeId, v] of verdicts) {
    const had = current.get(nodeId);
    if (had && had.down === v.down && had.reason === v.reason) continue;
    const flipped = had ? had.down !== v.down : v.down;
    await db.$transaction(async (tx) => {
      await tx.failoverNodeStatus.upsert({
        where: { nodeId },
        create: { nodeId, down: v.down, reason: v.reason, since: now },
        update: { down: v.down, reason: v.reason, ...(had?.down === v.down ? {} : { since: now }) },
      });
      if (!flipped) return;
      const node = await tx.telephonyNode.findUnique({ where: { id: nodeId }, select: { hostname: true } });
      await recordWebhookEvent(tx, v.down ? "node.down" : "node.up", null, {
        node: { id: nodeId, hostname: node?.hostname ?? null },
        reason: v.reason,
        since: now.toISOString(),
      });
    });
  }
}

function verdictOf(rule: Parameters<typeof nodeVerdict>[0], f: NodeFacts): NodeVerdict {
  const v = nodeVerdict(rule, f.signals);
  if (!f.inactiveSince || f.signals.kamailio !== "inactive") return v;
  // "Kamailio sees B inactive since 12:03:11" is what an operator wants to read.
  const since = `${f.inactiveSince.toISOString().slice(0, 19).replace("T", " ")} UTC`;
  return { ...v, reason: v.reason.replace("inactive on every proxy", `inactive on every proxy since ${since}`) };
}

/**
 * One pass of the failover engine: judge every node, move each failover-enabled domain
 * whose every assigned node is down (at most once per hysteresis window), then restore
 * domains whose original nodes have been up long enough, when automatic restore is on.
 */
export async function runFailoverTick(
  db: Db,
  now = new Date(),
  heartbeatTimeoutMs = DEFAULT_HEARTBEAT_TIMEOUT_MS,
): Promise<TickResult> {
  const settings = await readFailoverSettings(db);
  const facts = await readNodeFacts(db, now, heartbeatTimeoutMs);
  const verdicts = new Map(facts.map((f) => [f.id, verdictOf(settings.detectionRule, f)]));
  await recordVerdicts(db, verdicts, now);
  const down = facts.filter((f) => verdicts.get(f.id)!.down);
  const result: TickResult = { downNodeIds: down.map((f) => f.id), moved: [], revision: null, restored: [] };
  if (down.length > 0) Object.assign(result, await failOverDomains(db, facts, verdicts, settings.hysteresisMs, now));
  if (settings.autoRestoreAfterMin !== null) {
    result.restored = await autoRestore(db, settings.autoRestoreAfterMin * 60_000, now);
  }
  return result;
}

type Stranded = { domainId: string; name: string; nodes: NodeRef[] };

/**
 * Failover-enabled domains whose every assigned node is in `downIds`, with their assignment.
 * "Only my nodes" domains (fallbackToAnyNode off) are kept on their own nodes here too: the
 * operator decides where such a tenant may go.
 */
async function strandedDomains(tx: DbTx, downIds: string[]): Promise<Stranded[]> {
  const rows = await tx.$queryRaw<{ domainId: string; name: string; nodes: NodeRef[] }[]>`
    SELECT d.id AS "domainId", d.name,
      json_agg(json_build_object('nodeId', a."nodeId", 'hostname', n.hostname, 'priority', a.priority,
        'weight', a.weight) ORDER BY n.hostname) AS nodes
    FROM "Domain" d
    JOIN "DomainAssignment" a ON a."domainId" = d.id
    JOIN "TelephonyNode" n ON n.id = a."nodeId"
    WHERE d."failoverEnabled" AND d."fallbackToAnyNode"
      AND d.id IN (SELECT "domainId" FROM "DomainAssignment" WHERE "nodeId" = ANY(${downIds}::text[]))
    GROUP BY d.id, d.name
    HAVING bool_and(a."nodeId" = ANY(${downIds}::text[]))`;
  return rows;
}

async function failOverDomains(
  db: Db,
  facts: NodeFacts[],
  verdicts: Map<string, NodeVerdict>,
  hysteresisMs: number,
  detectedAt: Date,
): Promise<Pick<TickResult, "moved" | "revision">> {
  const downIds = facts.filter((f) => verdicts.get(f.id)!.down).map((f) => f.id);
  const healthy = facts.filter((f) => f.adminState === "ACTIVE" && !verdicts.get(f.id)!.down);
  if (healthy.length === 0) return { moved: [], revision: null };

  return db.$transaction(
    async (tx) => {
      // Another worker (or a restore) may be deciding the same domains: one at a time, then re-read.
      await lockFor(tx, FAILOVER_LOCK);
      const stranded = await strandedDomains(tx, downIds);
      if (stranded.length === 0) return { moved: [], revision: null };
      const recent = new Set(
        (
          await tx.failoverEvent.findMany({
            where: {
              domainId: { in: stranded.map((s) => s.domainId) },
              at: { gt: new Date(detectedAt.getTime() - hysteresisMs) },
            },
            select: { domainId: true },
          })
        ).map((e) => e.domainId),
      );
      const due = stranded.filter((s) => !recent.has(s.domainId));
      if (due.length === 0) return { moved: [], revision: null };

      const [loads, demands] = await Promise.all([
        nodeLoads(tx),
        domainDemands(
          tx,
          due.map((d) => d.domainId),
        ),
      ]);
      const candidates: Candidate[] = healthy.map((f) => ({
        nodeId: f.id,
        hostname: f.hostname,
        capacity: f.capacity,
        spare: f.spare,
        load: loads.get(f.id) ?? { extensions: 0, registrations: 0, calls: f.activeCalls },
      }));
      const plan = planFailover(
        due.map((d) => ({
          domainId: d.domainId,
          nodeCount: d.nodes.length,
          demand: demands.get(d.domainId) ?? { extensions: 0, registrations: 0, calls: 0 },
        })),
        candidates,
      );
      const moves = due.map((d) => ({
        ...d,
        to: plan.get(d.domainId)!.map((c) => ({ nodeId: c.nodeId, hostname: c.hostname, priority: 0, weight: 100 })),
      }));
      const deadHosts = [...new Set(moves.flatMap((m) => m.nodes.map((n) => n.hostname)))];
      const revision = await moveDomainsIn(
        tx,
        SYSTEM_FAILOVER,
        moves.map((m) => ({
          domainId: m.domainId,
          domainName: m.name,
          nodes: m.to.map(({ nodeId, priority, weight }) => ({ nodeId, priority, weight })),
        })),
        "domain.failover",
        `failover: ${moves.length} domain(s) off ${deadHosts.join(", ")}`,
      );

      const moved: FailoverMove[] = [];
      for (const m of moves) {
        const reason = `every assigned node down: ${m.nodes
          .map((n) => `${n.hostname} (${verdicts.get(n.nodeId)?.reason ?? "down"})`)
          .join(", ")}`;
        const event = await tx.failoverEvent.create({
          data: { domainId: m.domainId, fromNodes: m.nodes, toNodes: m.to, reason, detectedAt, revisionId: revision },
          select: { id: true },
        });
        const summary = {
          domainId: m.domainId,
          domain: m.name,
          from: m.nodes.map((n) => n.hostname),
          to: m.to.map((n) => n.hostname),
          eventId: event.id,
        };
        moved.push(summary);
        await tx.outboxEvent.create({
          data: {
            revisionId: revision,
            topic: DOMAIN_MOVED_TOPIC,
            payload: { ...summary, reason, detectedAt: detectedAt.toISOString() },
          },
        });
      }
      return { moved, revision };
    },
    { timeout: 60_000 },
  );
}
