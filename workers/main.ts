import { z } from "zod";
import { createDb } from "@/server/db/client";
import { CLUSTER_EVENTS_QUEUE, type OutboxJob } from "./jobs";
import { startClusterWorkers } from "./clusterWorkers";
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
  CLUSTER_POLL_NODES_MS: z.coerce.number().int().min(0).default(15000),
  CLUSTER_LOCK_DURATION_MS: z.coerce.number().int().min(1000).default(10000),
});

const env = WorkerEnv.parse(process.env);
const log = (where: string, e: unknown) =>
  console.error(`[worker] ${where}: ${e instanceof Error ? e.message : String(e)}`);

const db = createDb(env.DATABASE_URL);
const backend = queueBackend({ redisUrl: env.REDIS_URL, databaseUrl: env.DATABASE_URL, prefix: env.QUEUE_PREFIX });
const eventsQueue = backend.queue<OutboxJob>(CLUSTER_EVENTS_QUEUE);
const relay = new OutboxRelay(db, eventsQueue, { databaseUrl: env.DATABASE_URL, onError: (e) => log("relay", e) });
const workers = await startClusterWorkers(db, backend, {
  reloadDeltaMs: env.KAMAILIO_RELOAD_DELTA_MS,
  reconcileMs: env.CLUSTER_RECONCILE_MS,
  pollNodesMs: env.CLUSTER_POLL_NODES_MS,
  lockDurationMs: env.CLUSTER_LOCK_DURATION_MS,
  onError: log,
});
await relay.start();
await workers.reconcile();
console.log(`[worker] running (queue backend: ${backend.kind})`);

const shutdown = async () => {
  await relay.stop();
  await workers.close();
  await eventsQueue.close();
  await db.$disconnect();
  process.exit(0);
};
process.once("SIGTERM", () => void shutdown());
process.once("SIGINT", () => void shutdown());
