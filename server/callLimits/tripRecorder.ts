import type { Db } from "@/server/db/client";
import type { LimitTrip } from "@/server/dialplan/planCall";
import { evaluateTrips } from "./evaluateTrips";
import { pruneTrips } from "./pruneTrips";

type PendingTrip = LimitTrip & { domainId: string; at: Date };

/** More than this many trips waiting (database gone, or a flood) and the newest are dropped, counted in the log. */
const MAX_PENDING = 10_000;
/** How often a writing process also deletes expired trips. */
const PRUNE_EVERY_MS = 60_000;

/**
 * Records trips off the answer path: FreeSWITCH gets its hangup at once, the trips are
 * written in batches (one insert, one evaluation per tenant per batch), so a flood of
 * refused calls costs the database a few statements per interval, not a few per call.
 */
export class TripRecorder {
  private pending: PendingTrip[] = [];
  private dropped = 0;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private prunedAt = 0;

  constructor(
    private readonly db: Db,
    private readonly log: (message: string) => void,
    private readonly intervalMs = 250,
  ) {}

  record(domainId: string, trip: LimitTrip): void {
    if (this.pending.length >= MAX_PENDING) {
      this.dropped++;
      return;
    }
    this.pending.push({ ...trip, domainId, at: new Date() });
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.intervalMs);
  }

  /** Writes what is pending; resolves when it and every earlier batch are written. */
  flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.flushing = this.flushing.then(() => this.write(batch));
    return this.flushing;
  }

  private async write(batch: PendingTrip[]): Promise<void> {
    if (this.dropped > 0) {
      this.log(`call limits: ${this.dropped} trips dropped (too many waiting to be written)`);
      this.dropped = 0;
    }
    if (batch.length === 0) return;
    try {
      await this.db.callLimitTrip.createMany({
        data: batch.map((t) => ({
          domainId: t.domainId,
          kind: t.kind,
          extension: t.extension,
          destination: t.destination.slice(0, 64),
          createdAt: t.at,
        })),
      });
      for (const domainId of new Set(batch.map((t) => t.domainId))) await evaluateTrips(this.db, domainId);
      if (Date.now() - this.prunedAt > PRUNE_EVERY_MS) {
        this.prunedAt = Date.now();
        await pruneTrips(this.db);
      }
    } catch (error) {
      this.log(
        `call limits: recording ${batch.length} trips failed: ${error instanceof Error ? error.message.split("\n")[0] : "error"}`,
      );
    }
  }
}
