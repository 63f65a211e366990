import { OUTBOX_CHANNEL } from "@/server/db/channels";
import type { DbTx } from "@/server/db/client";
import type { WebhookEventType } from "./eventTypes";

/**
 * Writes a webhook event into the outbox, inside the caller's transaction: the event exists
 * exactly when the change committed. `domainId` null = a platform-only event.
 */
export async function recordWebhookEvents(
  tx: DbTx,
  events: { type: WebhookEventType; domainId: string | null; data: Record<string, unknown> }[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.outboxEvent.createMany({
    data: events.map((e) => ({ topic: e.type, payload: { ...e.data, domainId: e.domainId } as object })),
  });
  await tx.$executeRaw`SELECT pg_notify(${OUTBOX_CHANNEL}, 'webhook')`;
}

export function recordWebhookEvent(
  tx: DbTx,
  type: WebhookEventType,
  domainId: string | null,
  data: Record<string, unknown>,
): Promise<void> {
  return recordWebhookEvents(tx, [{ type, domainId, data }]);
}
