import { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/client";

/**
 * Backoff for failed credential attempts, kept in PostgreSQL so that every app process
 * behind a balancer counts the same failures. After `threshold` failures inside `windowSeconds`
 * the key is locked for `baseLockSeconds`, doubling with each further failure up to
 * `maxLockSeconds`: a lock always ends by itself, so nobody outside can lock a user out for good.
 * While locked, attempts are refused unchecked and not counted.
 */
export type ThrottlePolicy = {
  threshold: number;
  baseLockSeconds: number;
  maxLockSeconds: number;
  windowSeconds: number;
};

/** Portal sign-in, per account (the e-mail address tried, known or not). */
export const ACCOUNT_POLICY: ThrottlePolicy = {
  threshold: 5,
  baseLockSeconds: 30,
  maxLockSeconds: 900,
  windowSeconds: 900,
};
/** Portal sign-in, per client address: several people may share one NAT. */
export const ADDRESS_POLICY: ThrottlePolicy = {
  threshold: 20,
  baseLockSeconds: 30,
  maxLockSeconds: 900,
  windowSeconds: 900,
};
/** REST bearer tokens, per client address: integrations retry, but never with hundreds of wrong tokens. */
export const API_ADDRESS_POLICY: ThrottlePolicy = {
  threshold: 20,
  baseLockSeconds: 10,
  maxLockSeconds: 300,
  windowSeconds: 600,
};

export const throttleKey = {
  account: (email: string) => `account:${email}`,
  address: (ip: string) => `ip:${ip}`,
  apiAddress: (ip: string) => `api-ip:${ip}`,
};

/** What one more failure did: `lockedSeconds` > 0 when this failure (re)started a lock. */
export type FailureOutcome = { failures: number; lockedSeconds: number };

// Rows idle for longer than every window carry nothing; each process sweeps now and then.
const SWEEP_EVERY_MS = 60_000;
const IDLE_SECONDS = Math.max(
  ACCOUNT_POLICY.windowSeconds,
  ADDRESS_POLICY.windowSeconds,
  API_ADDRESS_POLICY.windowSeconds,
);
let lastSweep = 0;

/** Seconds until the longest lock among `keys` ends; 0 when none is locked. */
export async function lockedSeconds(db: Db, keys: readonly string[]): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await db.$queryRaw<{ seconds: number }[]>`
    SELECT round(extract(epoch FROM max(locked_until) - now()))::int AS seconds
    FROM auth_throttle WHERE key = ANY(${[...keys]}::text[]) AND locked_until > now()`;
  return rows[0]?.seconds ?? 0;
}

/** Counts one failure in a single statement, so concurrent processes never lose a count. */
export async function recordFailure(db: Db, key: string, policy: ThrottlePolicy): Promise<FailureOutcome> {
  const { threshold, baseLockSeconds, maxLockSeconds, windowSeconds } = policy;
  // SET sees the row as it was, so the new count is spelled once here and used twice.
  const failures = Prisma.sql`(CASE WHEN t.last_failure_at < now() - make_interval(secs => ${windowSeconds}::float8)
    THEN 1 ELSE t.failures + 1 END)`;
  const lockFor = (count: Prisma.Sql) => Prisma.sql`(CASE WHEN ${count} >= ${threshold}::int
    THEN now() + make_interval(secs => least(${maxLockSeconds}::float8, ${baseLockSeconds}::float8 * power(2, ${count} - ${threshold}::int)))
    END)`;
  const rows = await db.$queryRaw<{ failures: number; seconds: number | null }[]>`
    INSERT INTO auth_throttle AS t (key, failures, last_failure_at, locked_until)
    VALUES (${key}, 1, now(), ${lockFor(Prisma.sql`1`)})
    ON CONFLICT (key) DO UPDATE SET failures = ${failures}, last_failure_at = now(), locked_until = ${lockFor(failures)}
    RETURNING t.failures, round(extract(epoch FROM t.locked_until - now()))::int AS seconds`;
  void sweep(db);
  const row = rows[0];
  return { failures: row?.failures ?? 1, lockedSeconds: row?.seconds ?? 0 };
}

/** A success forgets the key's failures. */
export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.$executeRaw`DELETE FROM auth_throttle WHERE key = ${key}`;
}

async function sweep(db: Db): Promise<void> {
  const now = Date.now();
  if (now - lastSweep < SWEEP_EVERY_MS) return;
  lastSweep = now;
  await db.$executeRaw`
    DELETE FROM auth_throttle WHERE last_failure_at < now() - make_interval(secs => ${IDLE_SECONDS})
      AND (locked_until IS NULL OR locked_until < now())`.catch(() => undefined);
}
