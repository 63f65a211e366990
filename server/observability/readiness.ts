import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "@/server/db/client";
import { countDatabaseError } from "./metrics";
import { errorMessage, logger } from "./logger";

export type Readiness = {
  ready: boolean;
  /** "ok", or why not (nothing internal: hosts and driver messages are logged instead). */
  database: string;
  migrations: string;
};

export const DEFAULT_MIGRATIONS_DIR = join(process.cwd(), "prisma", "migrations");

let lastLogged = "";
/** A load balancer asks every few seconds: one log line per new reason, not per probe. */
function logOnce(message: string): void {
  if (message === lastLogged) return;
  lastLogged = message;
  logger.warn({ component: "readiness" }, message);
}

/** The migrations this build ships: every folder with a migration.sql. */
function shippedMigrations(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "migration.sql")))
    .map((e) => e.name);
}

/** Names of the migrations finished and not rolled back; null when the database was never migrated. */
async function appliedMigrations(db: Db): Promise<Set<string> | null> {
  const [table] = await db.$queryRaw<{ present: boolean }[]>`
    SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`;
  if (!table?.present) return null;
  const rows = await db.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  return new Set(rows.map((r) => r.migration_name));
}

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref());
}

/**
 * Ready = the database answers and has every migration this build ships applied (a process
 * started before `prisma migrate deploy` finished would query columns that do not exist yet).
 */
export async function checkReadiness(
  db: Db,
  migrationsDir = DEFAULT_MIGRATIONS_DIR,
  timeoutMs = 2_000,
): Promise<Readiness> {
  let applied: Set<string> | null;
  try {
    applied = await Promise.race([appliedMigrations(db), timeout(timeoutMs)]);
  } catch (error) {
    countDatabaseError("readiness");
    // The why goes to the log: anyone may call /readyz, and driver messages name hosts.
    logOnce(`readiness: database unreachable: ${errorMessage(error)}`);
    return { ready: false, database: "unreachable", migrations: "unknown" };
  }
  if (applied === null) return { ready: false, database: "ok", migrations: "none applied (no _prisma_migrations)" };
  const shipped = shippedMigrations(migrationsDir);
  if (shipped.length === 0)
    return { ready: false, database: "ok", migrations: `no migrations found in ${migrationsDir}` };
  const missing = shipped.filter((name) => !applied.has(name)).sort();
  if (missing.length > 0) return { ready: false, database: "ok", migrations: `not applied: ${missing.join(", ")}` };
  lastLogged = "";
  return { ready: true, database: "ok", migrations: "ok" };
}
