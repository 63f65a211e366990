import type { Db } from "@/server/db/client";
import { fanOutWebhookEvents, strandedDeliveries, type QueuedDelivery } from "@/server/webhooks/fanOut";
import { KEEP, webhookJobId, type WebhookJob } from "./jobs";
import { OutboxPump, type OutboxPumpOptions } from "./outboxRelay";
import type { JobQueue } from "./queueBackend";

export type WebhookRelayOptions = OutboxPumpOptions & {
  /** Attempts per delivery job (the retry schedule's). */
  attempts: number;
  /** How often, and after how long, deliveries without a job are queued again. */
  sweepMs?: number;
  strandedAfterMs?: number;
};

/**
 * Turns webhook outbox rows into deliveries (committed first), then queues one job per
 * delivery. A crash between the two leaves deliveries without a job: the sweep re-adds them,
 * and the job id makes a re-add of a job that exists a no-op.
 */
export class WebhookRelay extends OutboxPump {
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly queue: JobQueue<WebhookJob>,
    private readonly relayOptions: WebhookRelayOptions,
  ) {
    super(relayOptions);
  }

  override async start(): Promise<void> {
    await super.start();
    this.sweeper = setInterval(() => void this.sweep(), this.relayOptions.sweepMs ?? 30_000);
  }

  override async stop(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await super.stop();
  }

  async drainOnce(): Promise<number> {
    const { rows, queued } = await this.db.$transaction((tx) => fanOutWebhookEvents(tx, this.options.batchSize ?? 100));
    await this.enqueue(queued);
    return rows;
  }

  /** Re-adds deliveries whose job may be missing; returns how many it looked at. */
  async sweep(): Promise<number> {
    try {
      const stranded = await strandedDeliveries(this.db, this.relayOptions.strandedAfterMs ?? 120_000);
      await this.enqueue(stranded);
      return stranded.length;
    } catch (e) {
      this.options.onError?.(e);
      return 0;
    }
  }

  private async enqueue(deliveries: QueuedDelivery[]): Promise<void> {
    // One batch's adds in parallel: the queue pipelines them instead of a round trip each.
    await Promise.all(
      deliveries.map((d) =>
        this.queue.add(
          "deliver",
          { deliveryId: d.deliveryId.toString() },
          {
            jobId: webhookJobId(d.deliveryId, d.round),
            attempts: this.relayOptions.attempts,
            backoff: { type: "webhook" },
            ...KEEP,
          },
        ),
      ),
    );
  }
}
