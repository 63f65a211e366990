import "server-only";
import pg from "pg";
import { logger } from "@/server/observability/logger";
import { countDatabaseError } from "@/server/observability/metrics";
import { connectionStringOf, type Db, type DbTx } from "./client";

/**
 * Plain node-postgres, for the few statements so hot that Prisma's per-query cost matters: a
 * prepared statement through it costs a fraction of the CPU of the same statement through
 * `$queryRaw` (CDR batches; the FreeSWITCH endpoint's cache misses, a registration storm's whole
 * load). Without JIT: LLVM-compiling a short statement costs more than running it. A dropped
 * connection (restart, failover) is counted under `component` and logged, never thrown.
 */
export function createPlainPool(connectionString: string, max: number, component: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, options: "-c jit=off", allowExitOnIdle: true });
  pool.on("error", (e) => {
    countDatabaseError(component);
    logger.warn({ component }, `${component}: database connection error: ${e.message.split("\n")[0]}`);
  });
  return pool;
}

/** A statement PostgreSQL plans once per connection, under its name. */
export type PreparedStatement = { name: string; text: string };

/** Per client: its plain pool, opened at its first statement; null for a transaction. */
const pools = new WeakMap<DbTx, pg.Pool | null>();
const PLAIN_POOL_SIZE = 10;

/**
 * `statement`'s rows, read on the same database as `db`: through a plain pool beside a client
 * (made on first use), or inside a transaction through the transaction itself, so the reads
 * see its writes. The statement selects only columns whose values both drivers hand back alike
 * (text, integers, booleans, text arrays; enums cast to text).
 */
export async function queryRows<Row>(db: DbTx, statement: PreparedStatement, values: unknown[]): Promise<Row[]> {
  let pool = pools.get(db);
  if (pool === undefined) {
    // A transaction client has no $disconnect (Prisma strips it): it must run its own reads.
    const client = typeof (db as Partial<Db>).$disconnect === "function" ? (db as Db) : null;
    pool = client ? createPlainPool(connectionStringOf(client), PLAIN_POOL_SIZE, "connection") : null;
    pools.set(db, pool);
  }
  if (!pool) return db.$queryRawUnsafe<Row[]>(statement.text, ...values);
  return (await pool.query<Row & pg.QueryResultRow>({ ...statement, values })).rows;
}
