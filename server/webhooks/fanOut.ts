import type { Db, DbTx } from "@/server/db/client";
import { REDELIVER_TOPIC, TENANT_WEBHOOK_EVENT_TYPES, WEBHOOK_RELAY_TOPICS } from "./eventTypes";

/** A delivery the relay must queue; `round` names a re-delivery (its outbox row). */
export type QueuedDelivery = { deliveryId: bigint; round?: bigint };

/**
 * Claims undispatched webhook outbox rows (FOR UPDATE SKIP LOCKED: several relays may run),
 * turns each into one delivery per subscribed endpoint and marks the rows dispatched, all in
 * the caller's transaction. Tenant isolation is decided here: a tenant endpoint gets only
 * tenant-scoped event types, and only rows whose `domainId` is its own; platform endpoints
 * get every type they subscribed to. A disabled endpoint's deliveries start PAUSED.
 */
export async function fanOutWebhookEvents(
  tx: DbTx,
  batchSize: number,
): Promise<{ rows: number; queued: QueuedDelivery[] }> {
  const rows = await tx.$queryRaw<{ id: bigint; topic: string; payload: { endpointId?: unknown } }[]>`
    SELECT id, topic, payload FROM "OutboxEvent"
    WHERE "dispatchedAt" IS NULL AND topic = ANY(${WEBHOOK_RELAY_TOPICS}::text[])
    ORDER BY id LIMIT ${batchSize}
    FOR UPDATE SKIP LOCKED`;
  if (rows.length === 0) return { rows: 0, queued: [] };
  const eventIds = rows.filter((r) => r.topic !== REDELIVER_TOPIC).map((r) => r.id);
  const created = await tx.$queryRaw<{ id: bigint; status: string }[]>`
    INSERT INTO webhook_delivery (endpoint_id, outbox_event_id, event_type, status)
    SELECT e.id, o.id, o.topic,
      (CASE WHEN e.enabled THEN 'PENDING' ELSE 'PAUSED' END)::"WebhookDeliveryStatus"
    FROM "OutboxEvent" o
    JOIN webhook_endpoint e ON o.topic = ANY(e.events)
      AND (e.domain_id IS NULL
        OR (o.topic = ANY(${TENANT_WEBHOOK_EVENT_TYPES}::text[]) AND e.domain_id = o.payload->>'domainId'))
    WHERE o.id = ANY(${eventIds}::bigint[])
    ON CONFLICT (endpoint_id, outbox_event_id) DO NOTHING
    RETURNING id, status`;
  const queued: QueuedDelivery[] = created.filter((d) => d.status === "PENDING").map((d) => ({ deliveryId: d.id }));
  for (const row of rows.filter((r) => r.topic === REDELIVER_TOPIC)) {
    if (typeof row.payload.endpointId !== "string") continue;
    const resumed = await tx.$queryRaw<{ id: bigint }[]>`
      UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = now()
      WHERE endpoint_id = ${row.payload.endpointId} AND status IN ('PAUSED', 'FAILED')
      RETURNING id`;
    queued.push(...resumed.map((d) => ({ deliveryId: d.id, round: row.id })));
  }
  await tx.$executeRaw`UPDATE "OutboxEvent" SET "dispatchedAt" = now() WHERE id = ANY(${rows.map((r) => r.id)}::bigint[])`;
  return { rows: rows.length, queued };
}

/**
 * Deliveries whose job may be gone: created but never tried for a while (the relay died between
 * its commit and the enqueue), or overdue well past their next attempt (a job BullMQ gave up on
 * after repeated stalls). Re-adding them is safe: job ids make a re-add of a live job a no-op,
 * and a delivery already made is skipped by the worker.
 */
export async function strandedDeliveries(db: Db, graceMs: number, limit = 500): Promise<QueuedDelivery[]> {
  const since = new Date(Date.now() - graceMs);
  const rows = await db.webhookDelivery.findMany({
    where: {
      status: "PENDING",
      OR: [{ attempts: 0, createdAt: { lt: since } }, { nextAttemptAt: { lt: since } }],
    },
    select: { id: true },
    orderBy: { id: "asc" },
    take: limit,
  });
  return rows.map((r) => ({ deliveryId: r.id }));
}
