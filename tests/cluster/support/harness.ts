import { randomBytes } from "node:crypto";
import type { Db } from "@/server/db/client";
import { placeCalls, type Uas } from "./sipp";
import type { WorkerProcess } from "./workerProcess";

export type Probe<T> = () => Promise<T | null | undefined | false>;
export type WaitFor = <T>(what: string, probe: Probe<T>, timeoutMs?: number) => Promise<T>;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Polls until `probe` returns something truthy. A timeout names what was awaited and carries
 * the worker's last output, which is where a failed push explains itself.
 */
export function waiterFor(
  worker: () => WorkerProcess | undefined,
  defaults: { timeoutMs?: number; intervalMs?: number } = {},
): WaitFor {
  const intervalMs = defaults.intervalMs ?? 100;
  return async (what, probe, timeoutMs = defaults.timeoutMs ?? 20_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${worker()?.output().slice(-2000)}`);
      await sleep(intervalMs);
    }
  };
}

/** The worker settings cluster tests share: a queue prefix of their own, fast reconcile and stall detection. */
export function clusterWorkerEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    QUEUE_PREFIX: `sbtest${randomBytes(4).toString("hex")}`,
    KAMAILIO_RELOAD_DELTA_MS: "1000",
    CLUSTER_RECONCILE_MS: "500",
    CLUSTER_LOCK_DURATION_MS: "2000",
    ...extra,
  };
}

/** Kamailio reads the test database through the read-only role the tests create. */
export const kamailioDbUrl = (databaseName: string) => `postgres://switchboard_kamailio@127.0.0.1:5432/${databaseName}`;

/** Until the proxy reports `revision` (or a later one) applied without error; resolves to when it was seen. */
export function proxyApplied(db: Db, proxyId: string, waitFor: WaitFor) {
  return (revision: bigint) =>
    waitFor(`revision ${revision} applied`, async () => {
      const p = await db.sipProxy.findUniqueOrThrow({ where: { id: proxyId } });
      return p.appliedRevision >= revision && p.lastError === null && Date.now();
    });
}

/** Until the proxy has the newest revision in the database. */
export async function proxyHasLatest(db: Db, proxyId: string, waitFor: WaitFor): Promise<number> {
  const latest = await db.clusterRevision.findFirstOrThrow({ orderBy: { id: "desc" } });
  return proxyApplied(db, proxyId, waitFor)(latest.id);
}

/** Places calls through the proxy and counts the INVITEs each of two nodes received for them. */
export async function countedCalls(
  call: { proxyPort: number; localPort: number; domain: string; calls: number; holdMs?: number },
  nodes: { a: Uas; b: Uas },
) {
  const before = { a: nodes.a.invites(), b: nodes.b.invites() };
  const run = await placeCalls(call);
  // The last BYE's 200 may still be in flight when sipp exits.
  await sleep(200);
  return { ok: run.ok, output: run.output, a: nodes.a.invites() - before.a, b: nodes.b.invites() - before.b };
}
