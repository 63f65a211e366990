import pg from "pg";
import { maintainCallRecordPartitions, type PartitionPolicy } from "@/server/callRecords/partitions";
import { logger } from "@/server/observability/logger";

export type PartitionJobOptions = PartitionPolicy & {
  databaseUrl: string;
  /** How often the job runs; the first run is at start. */
  intervalMs: number;
  onError: (where: string, e: unknown) => void;
};

/**
 * Keeps call_record partitioned ahead and within retention. Runs at start and then
 * every `intervalMs` (hours are plenty: partitions are made months ahead).
 */
export function startCallRecordPartitionJob(options: PartitionJobOptions) {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 1 });
  pool.on("error", (e) => options.onError("cdr partitions", e));
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = maintainCallRecordPartitions(pool, options).then(
      (r) => {
        if (r.created.length || r.dropped.length || r.expiredFromDefault)
          logger.info(
            { component: "worker" },
            `[worker] cdr partitions: created ${r.created.join(", ") || "none"}, dropped ${r.dropped.join(", ") || "none"}, ` +
              `${r.movedFromDefault} rows moved out of the default partition, ${r.expiredFromDefault} expired from it`,
          );
      },
      (e: unknown) => options.onError("cdr partitions", e),
    );
  };
  run();
  const timer = setInterval(run, options.intervalMs);
  return {
    close: async () => {
      clearInterval(timer);
      await running;
      await pool.end();
    },
  };
}
