import type pg from "pg";

/** Where the monthly partitions live (the Prisma drift check reads only "public"). */
export const PARTITION_SCHEMA = "cdr_partition";
const DEFAULT_PARTITION = `${PARTITION_SCHEMA}.call_record_default`;
/** Serialises partition maintenance across worker processes. */
const MAINTENANCE_LOCK = 727_401;

export type PartitionPolicy = {
  /** Months kept, the current one included: older partitions are dropped. */
  retentionMonths: number;
  /** Months after the current one that get their partition ahead of time. */
  monthsAhead: number;
};

export const defaultPartitionPolicy: PartitionPolicy = { retentionMonths: 13, monthsAhead: 3 };

export type PartitionReport = {
  created: string[];
  dropped: string[];
  movedFromDefault: number;
  expiredFromDefault: number;
};

type Client = Pick<pg.PoolClient, "query">;

/** First instant of the UTC month `offset` months from `at`'s. */
export function monthStart(at: Date, offset = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + offset, 1));
}

export function partitionName(month: Date): string {
  return `call_record_${month.getUTCFullYear()}${String(month.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The month a partition name stands for, or null for the default partition and strangers. */
export function partitionMonth(name: string): Date | null {
  const m = /^call_record_(\d{4})(\d{2})$/.exec(name);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : null;
}

/** A timestamp literal PostgreSQL reads as the UTC instant (the columns are timestamp without time zone). */
const literal = (d: Date) => `'${d.toISOString().replace("T", " ").replace("Z", "")}'`;

async function monthlyPartitions(client: Client): Promise<Map<number, string>> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'public.call_record'::regclass`,
  );
  const out = new Map<number, string>();
  for (const { name } of rows) {
    const month = partitionMonth(name);
    if (month) out.set(month.getTime(), name);
  }
  return out;
}

/**
 * Gives `month` its partition. Rows that already landed in the DEFAULT partition for that
 * month (no partition existed when they arrived) move into it in the same transaction, so
 * nothing is lost and the attach finds the default partition clean.
 */
async function createPartition(client: Client, month: Date): Promise<number> {
  const name = `${PARTITION_SCHEMA}.${partitionName(month)}`;
  const from = literal(month);
  const to = literal(monthStart(month, 1));
  // Lock the default partition first, as an insert would (parent, then partition): no deadlock.
  await client.query(`LOCK TABLE ${DEFAULT_PARTITION} IN SHARE ROW EXCLUSIVE MODE`);
  await client.query(`CREATE TABLE ${name} (LIKE public.call_record INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
  const moved = await client.query(
    `WITH moved AS (DELETE FROM ${DEFAULT_PARTITION} WHERE started_at >= ${from} AND started_at < ${to} RETURNING *)
     INSERT INTO ${name} SELECT * FROM moved`,
  );
  await client.query(`ALTER TABLE public.call_record ATTACH PARTITION ${name} FOR VALUES FROM (${from}) TO (${to})`);
  return moved.rowCount ?? 0;
}

/**
 * The partition job: partitions for this month and `monthsAhead` more, for any month
 * still sitting in the DEFAULT partition (within retention), and retention: partitions
 * (and default-partition rows) older than `retentionMonths` are dropped. Idempotent;
 * concurrent runs in several workers serialise on an advisory lock.
 */
export async function maintainCallRecordPartitions(
  pool: Pick<pg.Pool, "connect">,
  policy: PartitionPolicy = defaultPartitionPolicy,
  now: Date = new Date(),
): Promise<PartitionReport> {
  const report: PartitionReport = { created: [], dropped: [], movedFromDefault: 0, expiredFromDefault: 0 };
  const cutoff = monthStart(now, -(policy.retentionMonths - 1));
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MAINTENANCE_LOCK]);
    try {
      const existing = await monthlyPartitions(client);
      const wanted = new Set<number>();
      for (let i = 0; i <= policy.monthsAhead; i++) wanted.add(monthStart(now, i).getTime());
      const stray = await client.query<{ year: number; month: number }>(
        `SELECT DISTINCT extract(year FROM started_at)::int AS year, extract(month FROM started_at)::int AS month
           FROM ${DEFAULT_PARTITION} WHERE started_at >= ${literal(cutoff)}`,
      );
      for (const { year, month } of stray.rows) wanted.add(Date.UTC(year, month - 1, 1));

      for (const time of [...wanted].sort((a, b) => a - b)) {
        if (existing.has(time)) continue;
        const month = new Date(time);
        await client.query("BEGIN");
        try {
          report.movedFromDefault += await createPartition(client, month);
          await client.query("COMMIT");
          report.created.push(partitionName(month));
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      }

      for (const [time, name] of existing) {
        if (time >= cutoff.getTime()) continue;
        await client.query(`DROP TABLE ${PARTITION_SCHEMA}.${name}`);
        report.dropped.push(name);
      }
      const expired = await client.query(`DELETE FROM ${DEFAULT_PARTITION} WHERE started_at < ${literal(cutoff)}`);
      report.expiredFromDefault = expired.rowCount ?? 0;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MAINTENANCE_LOCK]);
    }
  } finally {
    client.release();
  }
  return report;
}
