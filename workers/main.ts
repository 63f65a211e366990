import { z } from "zod";
import { createDb } from "@/server/db/client";
import { LiveStateSupervisor } from "@/server/liveState/liveStateSupervisor";
import { startCallRecordPartitionJob } from "./callRecordPartitionJob";
import { errorMessage, logger } from "@/server/observability/logger";
import { metricsAccess, opsEnv } from "@/server/observability/opsConfig";
import { createOpsHandler, startOpsServer } from "@/server/observability/opsEndpoints";
import {
  CLUSTER_EVENTS_QUEUE,
  FREESWITCH_NODE_QUEUE,
  KAMAILIO_APPLY_QUEUE,
  WEBHOOK_DELIVERY_QUEUE,
  type OutboxJob,
} from "./jobs";
import { startClusterWorkers } from "./clusterWorkers";
import { startFailoverDetector } from "@/server/cluster/failover/detectorLoop";
import { OutboxRelay } from "./outboxRelay";
import { queueBackend } from "./queueBackend";
import { registerWorkerMetrics } from "./workerMetrics";
import { startWebhookWorkers } from "./webhookWorkers";
import { webhookSettings } from "@/server/webhooks/settings";

// `npm run worker`: the outbox relay and the cluster push workers in one process.
const WorkerEnv = z.object({
  DATABASE_URL: z.string().url(),
  /** /healthz, /readyz and /metrics of this worker; 0 = none. */
  WORKER_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  REDIS_URL: z.string().url().optional(),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default("bull"),
  SWITCHBOARD_SECRET_KEY: z.string().min(40),
  KAMAILIO_RELOAD_DELTA_MS: z.coerce.number().int().min(0).default(1000),
  CLUSTER_RECONCILE_MS: z.coerce.number().int().min(100).default(5000),
  NODE_HEARTBEAT_TIMEOUT_MS: z.coerce.number().int().min(1000).default(15000),
  LIVE_STATE_REFRESH_MS: z.coerce.number().int().min(100).default(5000),
  KAMAILIO_PROBE_READ_MS: z.coerce.number().int().min(0).default(1000),
  CLUSTER_LOCK_DURATION_MS: z.coerce.number().int().min(1000).default(10000),
  /** Pause between failover engine passes (it also runs when a proxy reports a state change). */
  FAILOVER_TICK_MS: z.coerce.number().int().min(50).default(500),
  /** Months of call records kept (the current month included); older monthly partitions are dropped. */
  CDR_RETENTION_MONTHS: z.coerce.number().int().min(1).max(1200).default(13),
  CDR_PARTITION_MONTHS_AHEAD: z.coerce.number().int().min(1).max(24).default(3),
  CDR_PARTITION_CHECK_MS: z.coerce.number().int().min(1000).default(21_600_000),
  /** A webhook delivery of a killed worker is resumed by another this long after its last lock renewal. */
  WEBHOOK_LOCK_DURATION_MS: z.coerce.number().int().min(1000).default(30_000),
  WEBHOOK_SWEEP_MS: z.coerce.number().int().min(100).default(30_000),
});

const env = WorkerEnv.parse(process.env);
const workerLog = logger.child({ component: "worker" });
const log = (where: string, e: unknown) => workerLog.error(`[worker] ${where}: ${errorMessage(e)}`);

const db = createDb(env.DATABASE_URL);
const backend = queueBackend({ redisUrl: env.REDIS_URL, databaseUrl: env.DATABASE_URL, prefix: env.QUEUE_PREFIX });
const eventsQueue = backend.queue<OutboxJob>(CLUSTER_EVENTS_QUEUE);
const relay = new OutboxRelay(db, eventsQueue, { databaseUrl: env.DATABASE_URL, onError: (e) => log("relay", e) });
const failover = startFailoverDetector(db, {
  intervalMs: env.FAILOVER_TICK_MS,
  heartbeatTimeoutMs: env.NODE_HEARTBEAT_TIMEOUT_MS,
  onError: log,
});
const workers = await startClusterWorkers(db, backend, {
  reloadDeltaMs: env.KAMAILIO_RELOAD_DELTA_MS,
  reconcileMs: env.CLUSTER_RECONCILE_MS,
  probeReadMs: env.KAMAILIO_PROBE_READ_MS,
  lockDurationMs: env.CLUSTER_LOCK_DURATION_MS,
  onKamailioViewChange: () => void failover.wake(),
  onError: log,
  onRecovered: (where) => workerLog.info(`[worker] ${where}: working again`),
});
// One event-socket connection per node across all workers (registrations, live calls, node health).
const liveState = new LiveStateSupervisor(db, {
  databaseUrl: env.DATABASE_URL,
  heartbeatTimeoutMs: env.NODE_HEARTBEAT_TIMEOUT_MS,
  refreshMs: env.LIVE_STATE_REFRESH_MS,
  onError: log,
});
const cdrPartitions = startCallRecordPartitionJob({
  databaseUrl: env.DATABASE_URL,
  retentionMonths: env.CDR_RETENTION_MONTHS,
  monthsAhead: env.CDR_PARTITION_MONTHS_AHEAD,
  intervalMs: env.CDR_PARTITION_CHECK_MS,
  onError: log,
});
const webhooks = await startWebhookWorkers(db, backend, {
  ...webhookSettings(),
  databaseUrl: env.DATABASE_URL,
  lockDurationMs: env.WEBHOOK_LOCK_DURATION_MS,
  sweepMs: env.WEBHOOK_SWEEP_MS,
  strandedAfterMs: Math.max(4 * env.WEBHOOK_SWEEP_MS, 2 * env.WEBHOOK_LOCK_DURATION_MS),
  onError: log,
});
await relay.start();
await workers.reconcile();
liveState.start();
const queueDepths = Object.fromEntries(
  [CLUSTER_EVENTS_QUEUE, KAMAILIO_APPLY_QUEUE, FREESWITCH_NODE_QUEUE, WEBHOOK_DELIVERY_QUEUE].map((name) => [
    name,
    backend.depth(name),
  ]),
);
registerWorkerMetrics(db, queueDepths);
const opsServer = env.WORKER_HTTP_PORT
  ? startOpsServer(
      env.WORKER_HTTP_PORT,
      createOpsHandler({ db: () => db, metrics: metricsAccess(opsEnv(), "ops-only") }),
      "worker",
    )
  : null;
workerLog.info(`[worker] running (queue backend: ${backend.kind})`);

const shutdown = async () => {
  opsServer?.close();
  await relay.stop();
  await webhooks.close();
  await failover.close();
  await liveState.stop();
  await cdrPartitions.close();
  await workers.close();
  await eventsQueue.close();
  await Promise.all(Object.values(queueDepths).map((q) => q.close()));
  await db.$disconnect();
  process.exit(0);
};
let stopping: Promise<void> | undefined;
const stop = () => void (stopping ??= shutdown());
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
// Under `npm start` the parent holds an IPC channel to us: if it dies without stopping us, stop anyway.
process.once("disconnect", stop);
