import { Gauge } from "prom-client";
import { syncStatus } from "@/server/cluster/syncStatus";
import type { Db } from "@/server/db/client";
import { errorMessage, logger } from "@/server/observability/logger";
import { countDatabaseError, metrics } from "@/server/observability/metrics";
import type { QueueDepth } from "./queueBackend";

const METRICS_ACTOR = { userId: null, tokenId: null, label: "system:metrics", ip: null };

/** Reads within one scrape share one pass over the database and the queues. */
const REUSE_MS = 1_000;

/**
 * Push lag, outbox backlog and queue depth, read from the database and the queues when
 * scraped. They are cluster-wide: every worker reports the same values (aggregate with max).
 */
export function registerWorkerMetrics(db: Db, queues: Record<string, QueueDepth>): void {
  const registry = metrics().registry;
  let last: { at: number; pass: Promise<void> } | null = null;
  const refresh = (): Promise<void> => {
    if (last && Date.now() - last.at < REUSE_MS) return last.pass;
    last = { at: Date.now(), pass: read() };
    return last.pass;
  };
  const gauge = (name: string, help: string, labelNames: string[] = []) => {
    registry.removeSingleMetric(name);
    return new Gauge({ name, help, labelNames, registers: [registry], collect: refresh });
  };
  const desired = gauge(
    "switchboard_cluster_desired_revision",
    "Newest cluster revision that changed state of the target (kamailio, freeswitch)",
    ["target"],
  );
  const proxyApplied = gauge("switchboard_proxy_applied_revision", "Revision each SIP proxy has applied", ["proxy"]);
  const proxyLag = gauge(
    "switchboard_proxy_revision_lag",
    "Kamailio revisions an enabled proxy is behind (0 = in sync)",
    ["proxy"],
  );
  const nodeApplied = gauge("switchboard_node_applied_revision", "Revision each FreeSWITCH node has applied", ["node"]);
  const nodeLag = gauge("switchboard_node_revision_lag", "FreeSWITCH revisions a node is behind (0 = in sync)", [
    "node",
  ]);
  const outboxBacklog = gauge("switchboard_outbox_backlog", "Outbox rows not yet moved into the queue");
  const outboxAge = gauge(
    "switchboard_outbox_oldest_age_seconds",
    "Age of the oldest outbox row not yet moved (0 = none)",
  );
  const queueJobs = gauge("switchboard_queue_jobs", "BullMQ jobs per queue and state", ["queue", "state"]);

  async function read(): Promise<void> {
    try {
      const [status, oldest, counts] = await Promise.all([
        syncStatus({ db, actor: METRICS_ACTOR }),
        db.outboxEvent.aggregate({ where: { dispatchedAt: null }, _count: true, _min: { createdAt: true } }),
        Promise.all(Object.entries(queues).map(async ([name, q]) => [name, await q.jobCounts()] as const)),
      ]);
      desired.set({ target: "kamailio" }, Number(status.kamailioRevision));
      desired.set({ target: "freeswitch" }, Number(status.freeswitchRevision));
      // Reset first: a deleted proxy or node must not linger as a series.
      for (const g of [proxyApplied, proxyLag, nodeApplied, nodeLag, queueJobs]) g.reset();
      for (const p of status.proxies) {
        proxyApplied.set({ proxy: p.name }, Number(p.appliedRevision));
        if (p.enabled)
          proxyLag.set({ proxy: p.name }, Math.max(0, Number(status.kamailioRevision - p.appliedRevision)));
      }
      for (const n of status.nodes) {
        nodeApplied.set({ node: n.hostname }, Number(n.appliedRevision));
        nodeLag.set({ node: n.hostname }, Math.max(0, Number(status.freeswitchRevision - n.appliedRevision)));
      }
      outboxBacklog.set(oldest._count);
      outboxAge.set(oldest._min.createdAt ? (Date.now() - oldest._min.createdAt.getTime()) / 1000 : 0);
      for (const [queue, byState] of counts)
        for (const [state, n] of Object.entries(byState)) queueJobs.set({ queue, state }, n);
    } catch (error) {
      // The scrape still answers, with the last values read.
      countDatabaseError("metrics");
      logger.warn({ component: "metrics" }, `metrics: reading cluster state failed: ${errorMessage(error)}`);
    }
  }
}
