import { writeAudit } from "@/server/audit/writeAudit";
import type { Db } from "@/server/db/client";
import { open } from "@/server/security/secretBox";
import type { Actor } from "@/server/tenancy/context";
import { WEBHOOK_EVENTS, webhookEventId, type WebhookEventType } from "./eventTypes";
import { retryDelayMs, type RetrySchedule } from "./retrySchedule";
import { sendWebhook } from "./sendWebhook";
import { EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, signatureHeader } from "./signature";
import { resolveTarget, type Resolver } from "./targetGuard";

/** The audit actor of an endpoint disabled by the worker after repeated failure. */
const SYSTEM_WEBHOOKS: Actor = { userId: null, tokenId: null, label: "system:webhooks", ip: null };

export type DeliveryOptions = {
  schedule: RetrySchedule;
  allowPrivateTargets: boolean;
  resolve?: Resolver;
  timeoutMs?: number;
};

/** The job's place in its retry schedule, as BullMQ counts it. */
export type AttemptInfo = { attemptsMade: number; maxAttempts: number };

export type DeliveryOutcome = "delivered" | "retry" | "failed" | "skipped" | "paused";

/** What a receiver gets: the event without our routing field, plus its id and type. */
export function webhookBody(event: { id: bigint; topic: string; payload: unknown; createdAt: Date }): string {
  const { domainId = null, ...data } = (event.payload ?? {}) as Record<string, unknown>;
  return JSON.stringify({
    id: webhookEventId(event.id),
    type: event.topic,
    createdAt: event.createdAt.toISOString(),
    domainId,
    data,
  });
}

const hours = (ms: number) => (ms >= 3_600_000 ? `${Math.round(ms / 3_600_000)} h` : `${Math.round(ms / 1000)} s`);

// Wait for a pooled connection rather than fail: a result not recorded means the event is sent again.
const RECORD_TRANSACTION = { maxWait: 30_000, timeout: 30_000 };

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 500);

/**
 * One attempt of one delivery, recorded in the delivery log. Returns "retry" when the caller
 * should try again later (the BullMQ job fails and is retried with backoff). The last attempt
 * of the schedule fails the delivery and disables the endpoint with a notice (its later
 * deliveries then wait PAUSED until it is enabled again).
 */
export async function deliverWebhook(
  db: Db,
  deliveryId: bigint,
  attempt: AttemptInfo,
  options: DeliveryOptions,
): Promise<DeliveryOutcome> {
  const delivery = await db.webhookDelivery.findUnique({
    where: { id: deliveryId },
    include: { endpoint: true, outboxEvent: true },
  });
  // Gone with its endpoint, or made by an earlier run whose job outlived it: nothing to send.
  if (!delivery || delivery.status === "DELIVERED" || delivery.status === "FAILED") return "skipped";
  const { endpoint, outboxEvent } = delivery;
  if (!endpoint.enabled) {
    await db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "PAUSED", nextAttemptAt: null } });
    return "paused";
  }
  // Defence in depth behind the fan-out: a tenant endpoint never sends another tenant's event.
  const eventDomainId = (outboxEvent.payload as { domainId?: unknown } | null)?.domainId ?? null;
  if (
    endpoint.domainId !== null &&
    (WEBHOOK_EVENTS[outboxEvent.topic as WebhookEventType] !== "tenant" || eventDomainId !== endpoint.domainId)
  ) {
    await db.webhookDelivery.update({
      where: { id: deliveryId },
      data: { status: "FAILED", lastError: "not an event of this endpoint's tenant" },
    });
    return "skipped";
  }

  const body = webhookBody(outboxEvent);
  const started = Date.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const url = new URL(endpoint.url);
    const address = await resolveTarget(url, { allowPrivate: options.allowPrivateTargets, resolve: options.resolve });
    const headers = {
      [SIGNATURE_HEADER]: signatureHeader(open(endpoint.secretEnc), body, Math.floor(Date.now() / 1000)),
      [EVENT_ID_HEADER]: webhookEventId(outboxEvent.id),
      [EVENT_TYPE_HEADER]: outboxEvent.topic,
      "User-Agent": "Switchboard-Webhooks/1",
    };
    statusCode = (await sendWebhook(url, address, headers, body, options.timeoutMs)).statusCode;
    if (statusCode < 200 || statusCode > 299) error = `HTTP ${statusCode}`;
  } catch (e) {
    error = errorText(e);
  }
  const now = new Date();
  const durationMs = Date.now() - started;
  const ok = error === null;
  // The schedule's attempts span its window (24 h); a re-delivery after re-enabling starts a new one.
  const final = !ok && attempt.attemptsMade + 1 >= attempt.maxAttempts;

  const recorded = await db.$transaction(async (tx) => {
    await tx.webhookAttempt.create({ data: { deliveryId, at: now, statusCode, error, durationMs } });
    // A failure never overwrites a success: a stalled run of the same job (its lock lost under
    // load) may finish after another run delivered the event.
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, ...(ok ? {} : { status: { not: "DELIVERED" } }) },
      data: {
        status: ok ? "DELIVERED" : final ? "FAILED" : "PENDING",
        attempts: { increment: 1 },
        lastStatusCode: statusCode,
        lastError: error,
        lastAttemptAt: now,
        deliveredAt: ok ? now : null,
        nextAttemptAt:
          ok || final ? null : new Date(now.getTime() + retryDelayMs(options.schedule, attempt.attemptsMade + 1)),
      },
    });
    if (count === 0) return false;
    if (ok) {
      await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { consecutiveFailures: 0 } });
      return true;
    }
    if (!final) {
      await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { consecutiveFailures: { increment: 1 } } });
      return true;
    }
    const disabledReason = `Disabled after failing every attempt of a delivery for ${hours(options.schedule.windowMs)} (last: ${error})`;
    await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { consecutiveFailures: { increment: 1 }, enabled: false, disabledAt: now, disabledReason },
    });
    await writeAudit(tx, SYSTEM_WEBHOOKS, {
      domainId: endpoint.domainId,
      action: "webhook.auto-disable",
      entityType: "WebhookEndpoint",
      entityId: endpoint.id,
      before: { enabled: true },
      after: { enabled: false, disabledReason },
    });
    return true;
  }, RECORD_TRANSACTION);
  if (!recorded) return "skipped";
  return ok ? "delivered" : final ? "failed" : "retry";
}
