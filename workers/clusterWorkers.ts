import type { Job } from "bullmq";
import type { Db } from "@/server/db/client";
import { nodesFor, pushToNode } from "@/server/cluster/freeswitch/pushToNode";
import { ProxyPusher } from "@/server/cluster/kamailio/applyToProxy";
import { startKamailioViewReader } from "@/server/cluster/kamailio/kamailioViewReader";
import { failureLog } from "@/server/cluster/failureLog";
import { targetLocksFor } from "@/server/cluster/locks";
import { syncKamailioTables } from "@/server/cluster/kamailio/syncTables";
import {
  ApplyJobSchema,
  CLUSTER_EVENTS_QUEUE,
  FREESWITCH_NODE_QUEUE,
  KAMAILIO_APPLY_QUEUE,
  KEEP,
  NodeJobSchema,
  OutboxJobSchema,
  RETRY,
  applyJobId,
  cappedBackoff,
  nodeJobId,
  type ApplyJob,
  type NodeJob,
  type OutboxJob,
} from "./jobs";
import type { JobWorker, QueueBackend, WorkerSettings } from "./queueBackend";

export type ClusterWorkerOptions = {
  /** Kamailio's dispatcher reload_delta in ms (the shipped kamailio.cfg uses 1 s). */
  reloadDeltaMs: number;
  /** How often proxies behind the stored revision are re-queued (a proxy that came back). */
  reconcileMs?: number;
  /** How often every proxy's dispatcher state is read back (it is also read after every push); 0 = only then. */
  probeReadMs?: number;
  /** A node changed state in some proxy's view (proxy_destination_state). */
  onKamailioViewChange?: (proxyId: string) => void;
  /** Seconds-scale stall detection, so a job of a killed worker resumes quickly. */
  lockDurationMs?: number;
  onError?: (where: string, e: unknown) => void;
  /** A proxy or node that was failing works again (its failures are reported once per change of state). */
  onRecovered?: (where: string) => void;
};

/** The queue workers and a reconciler of one worker process (node health: server/liveState). */
export async function startClusterWorkers(db: Db, backend: QueueBackend, options: ClusterWorkerOptions) {
  const applyQueue = backend.queue<ApplyJob>(KAMAILIO_APPLY_QUEUE);
  const nodeQueue = backend.queue<NodeJob>(FREESWITCH_NODE_QUEUE);
  const pusher = new ProxyPusher(db, { reloadDeltaMs: options.reloadDeltaMs });
  const targets = failureLog({
    failed: (target, e) => options.onError?.(`${target} (retrying; reported again when this changes)`, e),
    recovered: (target) => options.onRecovered?.(target),
  });
  const viewReader = startKamailioViewReader(db, {
    intervalMs: options.probeReadMs ?? 1000,
    onError: options.onError,
    targets,
    onStateChange: options.onKamailioViewChange,
  });
  const lockDuration = options.lockDurationMs ?? 10_000;
  const settings = (concurrency: number): WorkerSettings => ({
    concurrency,
    lockDuration,
    stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
    maxStalledCount: 5,
    settings: { backoffStrategy: (attemptsMade: number) => cappedBackoff(attemptsMade) },
  });

  const enqueueApplyAll = async (revision: bigint) => {
    const proxies = await db.sipProxy.findMany({ where: { enabled: true }, select: { id: true } });
    for (const p of proxies) {
      await applyQueue.add("apply", { proxyId: p.id }, { jobId: applyJobId(p.id, revision), ...RETRY, ...KEEP });
    }
  };

  const onEvent = async (job: Job<OutboxJob>) => {
    const { outboxId, revision, event } = OutboxJobSchema.parse(job.data);
    if (event.topic === "kamailio.sync") {
      await enqueueApplyAll(await syncKamailioTables(db));
      return;
    }
    for (const nodeId of await nodesFor(db, event)) {
      await nodeQueue.add(
        "node",
        { nodeId, revision, event },
        { jobId: nodeJobId(outboxId, nodeId), ...RETRY, ...KEEP },
      );
    }
  };

  const workers: JobWorker[] = [
    backend.worker<OutboxJob>(CLUSTER_EVENTS_QUEUE, onEvent, settings(1)),
    // Proxies in parallel; one proxy is serialised by its target lock (as is one node below).
    backend.worker<ApplyJob>(
      KAMAILIO_APPLY_QUEUE,
      async (job) => {
        // The job result is JSON: report the outcome without bigints.
        const { proxyId } = ApplyJobSchema.parse(job.data);
        const result = await pusher.apply(proxyId);
        if (result.status === "applied") targets.succeeded(`push to proxy ${proxyId}`);
        // What the proxy sees right after the change (its read errors are reported, never fail the push).
        await viewReader.read(proxyId);
        return result.status === "applied" ? { applied: result.revision.toString() } : result;
      },
      settings(8),
    ),
    backend.worker<NodeJob>(
      FREESWITCH_NODE_QUEUE,
      async (job) => {
        const { nodeId, revision, event } = NodeJobSchema.parse(job.data);
        if (event.topic === "kamailio.sync") return;
        await pushToNode(db, nodeId, BigInt(revision), event);
        targets.succeeded(`push to node ${nodeId}`);
      },
      settings(8),
    ),
  ];
  // A target that is down fails every retry of every job for it: report the target, once per change of state.
  const targetOf = (job: Job | undefined) => {
    const data = job?.data as { proxyId?: unknown; nodeId?: unknown } | undefined;
    if (job?.queueName === KAMAILIO_APPLY_QUEUE && typeof data?.proxyId === "string")
      return `push to proxy ${data.proxyId}`;
    if (job?.queueName === FREESWITCH_NODE_QUEUE && typeof data?.nodeId === "string")
      return `push to node ${data.nodeId}`;
    return null;
  };
  for (const w of workers) {
    w.on("failed", (job, e) => {
      const target = targetOf(job);
      if (target) targets.failed(target, e);
      else options.onError?.(`job ${job?.name ?? "?"} ${job?.id ?? ""}`, e);
    });
  }

  // Catches up proxies whose retries ran out while they were down, and proxies added later.
  const reconcile = async () => {
    try {
      const [sync] = await db.$queryRaw<{ revision: bigint }[]>`SELECT revision FROM kamailio.sync_state WHERE id = 1`;
      const revision = sync?.revision ?? 0n;
      const behind = await db.sipProxy.findMany({
        where: { enabled: true, OR: [{ appliedRevision: { lt: revision } }, { lastError: { not: null } }] },
        select: { id: true },
      });
      for (const p of behind) {
        await applyQueue.add("apply", { proxyId: p.id }, { jobId: applyJobId(p.id, revision), ...RETRY, ...KEEP });
      }
    } catch (e) {
      options.onError?.("reconcile", e);
    }
  };
  const timers = [setInterval(reconcile, options.reconcileMs ?? 5000)];

  return {
    reconcile,
    async close() {
      for (const t of timers) clearInterval(t);
      await viewReader.close();
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([applyQueue.close(), nodeQueue.close()]);
      await targetLocksFor(db).close();
    },
  };
}
