import type { DbTx } from "@/server/db/client";
import { CONFIG_CHANNEL, OUTBOX_CHANNEL } from "@/server/db/channels";
import type { ClusterEvent } from "./events";
import { lockFor, REVISION_LOCK } from "./locks";

/** What a change invalidates in the FreeSWITCH answer caches of every process. */
export type ConfigScope = { domain: string } | { platform: true };

/** What the nodes and proxies must be told: one revision and its outbox events. */
export type ClusterPush = { reason: string; events: [ClusterEvent, ...ClusterEvent[]] };

export type Change = {
  /** Every change recorded here alters something FreeSWITCH is served. */
  invalidate: ConfigScope;
  /**
   * Omitted when no node or proxy needs to act: then no revision is written, so tenant
   * edits that only change answers never queue behind the platform-wide revision lock.
   */
  push?: ClusterPush;
};

/**
 * The one signal of a change to what FreeSWITCH and Kamailio are served. Call it inside the
 * transaction that makes the change: the answer-cache notification, the revision and its
 * outbox rows commit (or roll back) with it, since PostgreSQL delivers NOTIFY on commit only.
 * Returns the new revision number when there is a push.
 */
export function recordChange(tx: DbTx, change: Change & { push: ClusterPush }): Promise<bigint>;
export function recordChange(tx: DbTx, change: Change): Promise<bigint | null>;
export async function recordChange(tx: DbTx, { invalidate, push }: Change): Promise<bigint | null> {
  await tx.$executeRaw`SELECT pg_notify(${CONFIG_CHANNEL}, ${JSON.stringify(invalidate)})`;
  if (!push) return null;
  // Held until commit: revisions then become visible in id order, so a reader that sees
  // revision N has also seen every change up to N (the push records "applied up to N").
  await lockFor(tx, REVISION_LOCK);
  const revision = await tx.clusterRevision.create({ data: { reason: push.reason }, select: { id: true } });
  await tx.outboxEvent.createMany({
    data: push.events.map(({ topic, ...payload }) => ({ revisionId: revision.id, topic, payload })),
  });
  // Wakes the relay at once; it also polls, so a lost notification delays nothing for long.
  await tx.$executeRaw`SELECT pg_notify(${OUTBOX_CHANNEL}, ${revision.id.toString()})`;
  return revision.id;
}
