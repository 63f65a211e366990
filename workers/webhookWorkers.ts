import type { Db } from "@/server/db/client";
import { deliverWebhook, type DeliveryOptions } from "@/server/webhooks/deliverWebhook";
import { attemptsFor, retryDelayMs } from "@/server/webhooks/retrySchedule";
import { WEBHOOK_DELIVERY_QUEUE, WebhookJobSchema, type WebhookJob } from "./jobs";
import type { QueueBackend } from "./queueBackend";
import { WebhookRelay } from "./webhookRelay";

export type WebhookWorkerOptions = DeliveryOptions & {
  databaseUrl: string;
  concurrency?: number;
  /** A killed worker's delivery is picked up again this long after its last lock renewal. */
  lockDurationMs?: number;
  sweepMs?: number;
  strandedAfterMs?: number;
  onError?: (where: string, e: unknown) => void;
};

/** The webhook relay (outbox → deliveries → queue) and the delivery worker of one worker process. */
export async function startWebhookWorkers(db: Db, backend: QueueBackend, options: WebhookWorkerOptions) {
  const queue = backend.queue<WebhookJob>(WEBHOOK_DELIVERY_QUEUE);
  const maxAttempts = attemptsFor(options.schedule);
  const relay = new WebhookRelay(db, queue, {
    databaseUrl: options.databaseUrl,
    attempts: maxAttempts,
    sweepMs: options.sweepMs,
    strandedAfterMs: options.strandedAfterMs,
    onError: (e) => options.onError?.("webhook relay", e),
  });
  const lockDuration = options.lockDurationMs ?? 30_000;
  const worker = backend.worker<WebhookJob>(
    WEBHOOK_DELIVERY_QUEUE,
    async (job) => {
      const { deliveryId } = WebhookJobSchema.parse(job.data);
      const outcome = await deliverWebhook(
        db,
        BigInt(deliveryId),
        { attemptsMade: job.attemptsMade, maxAttempts: job.opts.attempts ?? maxAttempts },
        options,
      );
      // A failed job is what makes BullMQ retry it on the schedule below.
      if (outcome === "retry") throw new Error(`webhook delivery ${deliveryId} failed; retrying`);
      return outcome;
    },
    {
      concurrency: options.concurrency ?? 16,
      lockDuration,
      stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
      // A delivery whose worker keeps dying is still retried; the relay's sweep covers the rest.
      maxStalledCount: 20,
      settings: { backoffStrategy: (attemptsMade: number) => retryDelayMs(options.schedule, attemptsMade) },
    },
  );
  worker.on("failed", (job, e) => {
    if (!/retrying$/.test(e.message)) options.onError?.(`webhook job ${job?.id ?? "?"}`, e);
  });
  await relay.start();
  return {
    relay,
    async close() {
      await relay.stop();
      await worker.close();
      await queue.close();
    },
  };
}
