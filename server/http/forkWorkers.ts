import cluster, { type Worker } from "node:cluster";

const RESTART_DELAY_MS = 1_000;
const INDEX_VARIABLE = "SWITCHBOARD_WORKER_INDEX";

/** Which of the primary's workers this process is (0 … count-1; a replacement keeps the index); 0 outside a cluster. */
export function workerIndex(): number {
  return Number(process.env[INDEX_VARIABLE] ?? 0);
}

/**
 * The primary of a process that serves one port from `count` workers: a worker that dies
 * is replaced after a pause, and SIGINT/SIGTERM stops every worker before the primary
 * exits, so nothing is left behind. `ready` runs once, when `count` workers listen.
 * The workers accept from the shared socket themselves (SCHED_NONE), not through the
 * primary: with round-robin a connection the primary handed to a worker as it died hung
 * until the client gave up; now the survivors take what the dead one had not accepted.
 */
export function forkWorkers(count: number, ready: () => void, log: { warn: (m: string) => void }): void {
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  const live = new Set<Worker>();
  let listening = 0;
  let stopping = false;

  const start = (index: number) => {
    const worker = cluster.fork({ [INDEX_VARIABLE]: String(index) });
    live.add(worker);
    worker.once("listening", () => {
      if (++listening === count) ready();
    });
    worker.once("exit", (code, signal) => {
      live.delete(worker);
      if (stopping) {
        if (live.size === 0) process.exit(0);
        return;
      }
      log.warn(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
      setTimeout(() => start(index), RESTART_DELAY_MS).unref();
    });
  };
  for (let i = 0; i < count; i++) start(i);

  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => {
      stopping = true;
      if (live.size === 0) process.exit(0);
      for (const worker of live) worker.process.kill("SIGTERM");
    });
}
