import {
  Queue,
  Worker,
  createPostgresBackend,
  withBackend,
  type Job,
  type JobsOptions,
  type JobType,
  type WorkerOptions,
} from "bullmq";

/** The part of a BullMQ queue the push code uses, whichever store backs it. */
export type JobQueue<D extends object> = {
  add(name: string, data: D, opts?: JobsOptions): Promise<unknown>;
  close(): Promise<void>;
};

/** A queue's jobs per state (waiting, active, delayed, prioritized, failed): the metrics' queue depth. */
export type QueueDepth = {
  jobCounts(): Promise<Record<string, number>>;
  close(): Promise<void>;
};

export type JobWorker = {
  on(event: "failed", listener: (job: Job | undefined, error: Error) => void): unknown;
  close(): Promise<void>;
};

export type WorkerSettings = Pick<
  WorkerOptions,
  "concurrency" | "lockDuration" | "stalledInterval" | "maxStalledCount" | "settings" | "autorun"
>;

/** The states a job waits or fails in; completed jobs are history, not depth. */
const QUEUE_STATES: JobType[] = ["waiting", "active", "delayed", "prioritized", "failed"];

type AnyQueue = {
  add(name: string, data: Record<string, unknown>, opts?: JobsOptions): Promise<unknown>;
  getJobCounts(...types: JobType[]): Promise<Record<string, number>>;
  close(): Promise<void>;
};

function asJobQueue<D extends object>(queue: AnyQueue): JobQueue<D> {
  return {
    add: (name, data, opts) => queue.add(name, data as Record<string, unknown>, opts),
    close: () => queue.close(),
  };
}

function asQueueDepth(queue: AnyQueue): QueueDepth {
  return { jobCounts: () => queue.getJobCounts(...QUEUE_STATES), close: () => queue.close() };
}

export type QueueBackend = {
  kind: "redis" | "postgres";
  queue<D extends object>(name: string): JobQueue<D>;
  depth(name: string): QueueDepth;
  worker<D>(name: string, processor: (job: Job<D>) => Promise<unknown>, settings: WorkerSettings): JobWorker;
};

/**
 * Redis when `redisUrl` is given, else BullMQ's PostgreSQL backend in the app database
 * (its own schema "bullmq", created on first use), so a single-host install needs no Redis.
 */
export function queueBackend(config: { redisUrl?: string; databaseUrl: string; prefix?: string }): QueueBackend {
  const { redisUrl, databaseUrl } = config;
  // Keeps installations (or test runs) sharing one Redis apart.
  const prefix = config.prefix ?? "bull";
  if (redisUrl) {
    // BullMQ's blocking worker connections need maxRetriesPerRequest: null.
    const connection = { url: redisUrl, maxRetriesPerRequest: null };
    return {
      kind: "redis",
      queue: <D extends object>(name: string) =>
        asJobQueue<D>(new Queue<Record<string, unknown>>(name, { connection, prefix })),
      depth: (name: string) => asQueueDepth(new Queue(name, { connection, prefix })),
      worker: <D>(name: string, processor: (job: Job<D>) => Promise<unknown>, settings: WorkerSettings) =>
        new Worker<D>(name, processor, { connection, prefix, ...settings }),
    };
  }
  const pg = withBackend(createPostgresBackend);
  const connection = { connectionString: databaseUrl, migrate: true, max: 4 };
  return {
    kind: "postgres",
    queue: <D extends object>(name: string) =>
      asJobQueue<D>(new pg.Queue<Record<string, unknown>>(name, { connection, prefix })),
    depth: (name: string) => asQueueDepth(new pg.Queue(name, { connection: { ...connection, max: 1 }, prefix })),
    worker: <D>(name: string, processor: (job: Job<D>) => Promise<unknown>, settings: WorkerSettings) =>
      new pg.Worker<D>(name, processor, { connection, prefix, ...settings }),
  };
}
