import type { Db, DbTx } from "@/server/db/client";
import { targetLocksFor } from "./locks";

/** How one kind of target (a Kamailio proxy, a FreeSWITCH node) is brought up to date. */
export type TargetPush<Target, Result> = {
  /** The lock name of the target (see locks.ts). */
  lock: string;
  /** Reads the target under its lock; a string is why there is nothing to do. */
  load: (db: Db) => Promise<Target | string>;
  /** The network exchange, outside any transaction. */
  apply: (target: Target) => Promise<Result>;
  /** Records success, in one short transaction after the exchange. */
  succeeded: (tx: DbTx, target: Target, result: Result) => Promise<void>;
  /** Records the failure the same way; the error is rethrown afterwards so the job retries. */
  failed: (tx: DbTx, target: Target, error: Error) => Promise<void>;
};

export type PushOutcome<Result> = { status: "applied"; result: Result } | { status: "skipped"; reason: string };

/**
 * Lock, load, apply, record. The target's lock spans all four, so pushes into one
 * target never interleave and an older outcome is never recorded over a newer one; the
 * database sees only short statements, none of them open while the peer is answering.
 */
export function pushToTarget<Target, Result>(db: Db, push: TargetPush<Target, Result>): Promise<PushOutcome<Result>> {
  return targetLocksFor(db).withLock(push.lock, async (lock): Promise<PushOutcome<Result>> => {
    const target = await push.load(db);
    if (typeof target === "string") return { status: "skipped", reason: target };
    let result: Result;
    try {
      result = await push.apply(target);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      lock.assertHeld();
      await db.$transaction((tx) => push.failed(tx, target, error));
      throw error;
    }
    lock.assertHeld();
    await db.$transaction((tx) => push.succeeded(tx, target, result));
    return { status: "applied", result };
  });
}
