import type { DbTx } from "@/server/db/client";
import type { ClusterEvent } from "./events";
import { lockFor, REVISION_LOCK } from "./locks";

/**
 * Writes a new cluster revision and its outbox rows. Call it inside the transaction
 * that makes the change, so the change and its push commit (or roll back) together.
 * Returns the new revision number.
 */
export async function recordClusterChange(tx: DbTx, reason: string, events: ClusterEvent[]): Promise<bigint> {
  // Held until commit: revisions then become visible in id order, so a reader that sees
  // revision N has also seen every change up to N (the push records "applied up to N").
  await lockFor(tx, REVISION_LOCK);
  const revision = await tx.clusterRevision.create({ data: { reason }, select: { id: true } });
  if (events.length > 0) {
    await tx.outboxEvent.createMany({
      data: events.map(({ topic, ...payload }) => ({ revisionId: revision.id, topic, payload })),
    });
  }
  // Wakes the relay at once; it also polls, so a lost notification delays nothing for long.
  await tx.$executeRaw`SELECT pg_notify('switchboard_outbox', ${revision.id.toString()})`;
  return revision.id;
}
