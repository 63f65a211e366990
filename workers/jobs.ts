import { z } from "zod";
import { clusterEventSchema } from "@/server/cluster/events";

// Queue names and job payloads shared by the relay, the workers and the reconciler.
// Job data crosses a process boundary (Redis/PostgreSQL), so it is parsed with zod.

export const CLUSTER_EVENTS_QUEUE = "cluster-events";
export const KAMAILIO_APPLY_QUEUE = "kamailio-apply";
export const FREESWITCH_NODE_QUEUE = "freeswitch-node";

const Revision = z.string().regex(/^\d+$/);

export const OutboxJobSchema = z.object({ outboxId: Revision, revision: Revision, event: clusterEventSchema });
export type OutboxJob = z.infer<typeof OutboxJobSchema>;

export const WEBHOOK_DELIVERY_QUEUE = "webhook-delivery";

export const WebhookJobSchema = z.object({ deliveryId: Revision });
export type WebhookJob = z.infer<typeof WebhookJobSchema>;

/** One job per delivery; a re-delivery after re-enabling (`round` = its outbox row) is a new job. */
export const webhookJobId = (deliveryId: bigint | string, round?: bigint | string) =>
  round === undefined ? `webhook-${deliveryId}` : `webhook-${deliveryId}-r${round}`;

export const ApplyJobSchema = z.object({ proxyId: z.string().min(1) });
export type ApplyJob = z.infer<typeof ApplyJobSchema>;

export const NodeJobSchema = z.object({ nodeId: z.string().min(1), revision: Revision, event: clusterEventSchema });
export type NodeJob = z.infer<typeof NodeJobSchema>;

/** BullMQ job ids may not contain ":"; the outbox id makes a re-add after a crash a no-op. */
export const outboxJobId = (outboxId: bigint | string) => `outbox-${outboxId}`;
export const applyJobId = (proxyId: string, revision: bigint | string) => `apply-${proxyId}-${revision}`;
export const nodeJobId = (outboxId: string, nodeId: string) => `node-${outboxId}-${nodeId}`;

/** Retries with backoff, capped so a returning peer is caught up within seconds. */
export const RETRY = { attempts: 50, backoff: { type: "capped" } } as const;
export const cappedBackoff = (attemptsMade: number) => Math.min(250 * 2 ** attemptsMade, 5000);

/** Keep finished job ids for a day, so a re-add of the same id in that window is ignored. */
export const KEEP = { removeOnComplete: { age: 86_400, count: 10_000 }, removeOnFail: { age: 86_400 } } as const;
