import { z } from "zod";
import { createDb } from "@/server/db/client";
import { LiveStateSupervisor } from "@/server/liveState/liveStateSupervisor";
import { startCallRecordPartitionJob } from "./callRecordPartitionJob";
import { CLUSTER_EVENTS_QUEUE, type OutboxJob } from "./jobs";
import { startClusterWorkers } from "./clusterWorkers";
import { startFailoverDetector } from "@/server/cluster/failover/detectorLoop";
import { OutboxRelay } from "./outboxRelay";
import { queueBackend } from "./queueBackend";

// `npm run worker`: the outbox relay and the cluster push workers in one process.
const WorkerEnv = z.object({
  DATABASE_URL: z.string().url(),
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
});

const env = WorkerEnv.parse(process.env);
const log = (where: string, e: unknown) =>
  console.error(`[worker] ${where}: ${e instanceof Error ? e.message : String(e)}`);

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
await relay.start();
await workers.reconcile();
liveState.start();
console.log(`[worker] running (queue backend: ${backend.kind})`);

const shutdown = async () => {
  await relay.stop();
  await failover.close();
  await liveState.stop();
  await cdrPartitions.close();
  await workers.close();
  await eventsQueue.close();
  await db.$disconnect();
  process.exit(0);
};
process.once("SIGTERM", () => void shutdown());
process.once("SIGINT", () => void shutdown());
