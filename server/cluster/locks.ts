import pg from "pg";
import { connectionStringOf, type Db, type DbTx } from "@/server/db/client";

/**
 * Transaction-scoped advisory locks (released on commit/rollback, or when a crashed
 * process's connection drops), keyed by name so every process agrees on the key.
 */
export async function lockFor(tx: DbTx, name: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${name}))`;
}

/** Serialises revision numbering with commit order (see recordChange). */
export const REVISION_LOCK = "switchboard:cluster-revision";
/** One writer of the kamailio.* tables at a time. */
export const KAMAILIO_TABLES_LOCK = "switchboard:kamailio-tables";
/** One push into a given proxy at a time, whichever worker process runs it. */
export const proxyLock = (proxyId: string) => `switchboard:kamailio-proxy:${proxyId}`;
/** One ESL session per node and revision order. */
export const nodeLock = (nodeId: string) => `switchboard:freeswitch-node:${nodeId}`;

/** A target lock while its work runs. */
export type HeldLock = {
  /** Throws when the lock connection dropped meanwhile: another process may hold the target now. */
  assertHeld(): void;
};

/** How often a target held by another process is asked for again. */
const RETRY_MS = 50;
/** The lock connection closes after this long with nothing held (timer unref'd: never keeps a process up). */
const IDLE_CLOSE_MS = 30_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Locks for work that spans network calls (a push into one proxy or node), where a
 * transaction-scoped lock would keep a pooled connection idle in transaction for the
 * whole exchange. Session advisory locks instead, all of a process's on ONE dedicated
 * connection outside Prisma's pool and outside any transaction. Why this over a lease
 * row or Redis: a crashed worker's connection drops and PostgreSQL releases its locks at
 * once (a lease waits out its expiry, and needs renewing while a slow peer answers); it
 * holds no snapshot, so vacuum is not held back; and the key is the one `lockFor` uses,
 * so a worker still on transaction locks excludes this one.
 *
 * Order and fairness: jobs of one target in one process queue here in arrival order
 * (holding no connection while they wait), and only the head asks PostgreSQL, with
 * `pg_try_advisory_lock` — a blocking wait would stall the shared connection for every
 * other target. A process that gets the lock re-reads the target's state under it.
 */
export class TargetLocks {
  private connection: Promise<pg.Client> | null = null;
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly held = new Set<{ client: pg.Client; lost: boolean }>();
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly connectionString: string,
    /** A target another process keeps longer than this fails the job (to be retried). */
    private readonly waitMs = 60_000,
  ) {}

  /** Runs `work` holding `name`, after the work queued before it in this process. */
  withLock<T>(name: string, work: (lock: HeldLock) => Promise<T>): Promise<T> {
    const previous = this.queues.get(name) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.locked(name, work));
    this.queues.set(name, run);
    void run
      .finally(() => {
        if (this.queues.get(name) === run) this.queues.delete(name);
      })
      .catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const connection = this.connection;
    this.connection = null;
    await (await connection?.catch(() => null))?.end();
  }

  private async locked<T>(name: string, work: (lock: HeldLock) => Promise<T>): Promise<T> {
    const entry = await this.acquire(name);
    try {
      return await work({
        assertHeld: () => {
          if (entry.lost) throw new Error(`lost the lock ${name}: its connection dropped`);
        },
      });
    } finally {
      this.held.delete(entry);
      // A dropped connection took the lock with it; one that cannot unlock is ended, which unlocks.
      if (!entry.lost) {
        await entry.client
          .query("SELECT pg_advisory_unlock(hashtext($1))", [name])
          .catch(() => entry.client.end().catch(() => undefined));
      }
      if (this.held.size === 0) this.closeWhenIdle();
    }
  }

  private async acquire(name: string): Promise<{ client: pg.Client; lost: boolean }> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const client = await this.client();
      const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS ok", [name]);
      if (rows[0]?.ok) {
        const entry = { client, lost: false };
        this.held.add(entry);
        return entry;
      }
      if (Date.now() > deadline) throw new Error(`${name} is still held by another process`);
      await sleep(RETRY_MS);
    }
  }

  private client(): Promise<pg.Client> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.connection) return this.connection;
    const client = new pg.Client({ connectionString: this.connectionString });
    const connection = client.connect().then(() => client);
    const dropped = () => {
      if (this.connection === connection) this.connection = null;
      for (const h of this.held) if (h.client === client) h.lost = true;
    };
    // Without an error listener a dropped connection (server restart) would crash the process.
    client.on("error", dropped);
    client.on("end", dropped);
    connection.catch(dropped);
    this.connection = connection;
    return connection;
  }

  private closeWhenIdle() {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.held.size === 0 && this.queues.size === 0) void this.close().catch(() => undefined);
    }, IDLE_CLOSE_MS);
    this.idleTimer.unref();
  }
}

const perDb = new WeakMap<Db, TargetLocks>();

/** The target locks of a process (one per client, so one lock connection per process). */
export function targetLocksFor(db: Db): TargetLocks {
  let locks = perDb.get(db);
  if (!locks) {
    locks = new TargetLocks(connectionStringOf(db));
    perDb.set(db, locks);
  }
  return locks;
}
