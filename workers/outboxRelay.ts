import pg from "pg";
import { CLUSTER_TOPICS, clusterEventSchema } from "@/server/cluster/events";
import { OUTBOX_CHANNEL } from "@/server/db/channels";
import type { Db } from "@/server/db/client";
import { KEEP, RETRY, outboxJobId, type OutboxJob } from "./jobs";
import type { JobQueue } from "./queueBackend";

type OutboxRow = { id: bigint; revisionId: bigint | null; topic: string; payload: unknown };

export type OutboxPumpOptions = {
  databaseUrl: string;
  pollMs?: number;
  batchSize?: number;
  onError?: (e: unknown) => void;
};

/**
 * Drains outbox rows of one consumer whenever a commit notifies the channel, and on a poll
 * (a lost notification delays nothing for long). Subclasses say what one drain pass does.
 */
export abstract class OutboxPump {
  private listener: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(protected readonly options: OutboxPumpOptions) {}

  /** Moves one batch; returns how many rows it dispatched. */
  abstract drainOnce(): Promise<number>;

  async start(): Promise<void> {
    this.listener = new pg.Client({ connectionString: this.options.databaseUrl });
    this.listener.on("notification", () => this.kick());
    // A dropped LISTEN connection only costs latency: the poll below still drains.
    this.listener.on("error", (e) => this.options.onError?.(e));
    await this.listener.connect();
    await this.listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 1000);
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }

  /** Drains now (coalescing concurrent wake-ups into one extra pass). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          while ((await this.drainOnce()) > 0);
        } catch (e) {
          this.options.onError?.(e);
        }
      } while (this.again && !this.stopped);
      this.running = null;
    })();
  }
}

/**
 * Moves undispatched cluster outbox rows into the queue. Rows are claimed with
 * FOR UPDATE SKIP LOCKED (several relays may run) and marked dispatched in the same
 * transaction, after the add succeeded; the outbox id is the job id, so a crash after
 * the add but before the commit re-adds a job BullMQ already has, which it ignores.
 */
export class OutboxRelay extends OutboxPump {
  constructor(
    private readonly db: Db,
    private readonly queue: JobQueue<OutboxJob>,
    options: OutboxPumpOptions,
  ) {
    super(options);
  }

  async drainOnce(): Promise<number> {
    return this.db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<OutboxRow[]>`
        SELECT id, "revisionId", topic, payload FROM "OutboxEvent"
        WHERE "dispatchedAt" IS NULL AND topic = ANY(${[...CLUSTER_TOPICS]}::text[])
        ORDER BY id LIMIT ${this.options.batchSize ?? 100}
        FOR UPDATE SKIP LOCKED`;
      for (const row of rows) {
        const parsed = clusterEventSchema.safeParse({ ...(row.payload as object), topic: row.topic });
        // A malformed row is reported and passed over rather than blocking every row behind it.
        if (!parsed.success) {
          this.options.onError?.(new Error(`outbox row ${row.id}: ${parsed.error.message}`));
          continue;
        }
        const event = parsed.data;
        await this.queue.add(
          row.topic,
          { outboxId: row.id.toString(), revision: (row.revisionId ?? 0n).toString(), event },
          { jobId: outboxJobId(row.id), ...RETRY, ...KEEP },
        );
      }
      if (rows.length > 0) {
        await tx.$executeRaw`UPDATE "OutboxEvent" SET "dispatchedAt" = now() WHERE id = ANY(${rows.map((r) => r.id)}::bigint[])`;
      }
      return rows.length;
    });
  }
}
