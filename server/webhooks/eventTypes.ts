import { DOMAIN_MOVED_TOPIC, DOMAIN_RESTORED_TOPIC } from "@/server/cluster/failover/system";

/**
 * The events endpoints can subscribe to. Each is an outbox topic: the row is written in the
 * transaction of the change, and its id is the event id receivers dedup on. "tenant" events
 * carry the tenant's `domainId` and reach that tenant's endpoints and the platform's;
 * "platform" events (cluster internals) reach platform endpoints only.
 */
export const WEBHOOK_EVENTS = {
  "extension.created": "tenant",
  "extension.updated": "tenant",
  "extension.deleted": "tenant",
  "number.assigned": "tenant",
  "call.started": "tenant",
  "call.answered": "tenant",
  "call.ended": "tenant",
  "phone.registered": "tenant",
  "phone.unregistered": "tenant",
  // TRIPPED_REPEATEDLY_TOPIC of server/callLimits (kept literal: that module is server-only; a test pins it).
  "tenant.call-limits-tripped": "tenant",
  "node.down": "platform",
  "node.up": "platform",
  "node.admin-state-changed": "platform",
  "proxy.out-of-sync": "platform",
  "proxy.in-sync": "platform",
  [DOMAIN_MOVED_TOPIC]: "platform",
  [DOMAIN_RESTORED_TOPIC]: "platform",
} as const satisfies Record<string, "tenant" | "platform">;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;

export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as WebhookEventType[];

export const TENANT_WEBHOOK_EVENT_TYPES = WEBHOOK_EVENT_TYPES.filter((t) => WEBHOOK_EVENTS[t] === "tenant");

/** An outbox row asking the relay to queue an endpoint's paused deliveries again (after re-enabling). */
export const REDELIVER_TOPIC = "webhooks.redeliver";

/** Every outbox topic the webhook relay consumes. */
export const WEBHOOK_RELAY_TOPICS: string[] = [...WEBHOOK_EVENT_TYPES, REDELIVER_TOPIC];

/** The id receivers dedup on: one per event (its outbox row), the same for every endpoint and every retry. */
export const webhookEventId = (outboxEventId: bigint | string) => `evt_${outboxEventId}`;
