import { EslConnection, type EslTarget } from "@/server/cluster/esl/eslClient";
import { parseEslEvent } from "@/server/cluster/esl/eslEvent";
import type { EslMessage } from "@/server/cluster/esl/eslParser";
import type { Db } from "@/server/db/client";
import { LIVE_EVENT_NAMES, liveChangeOf } from "./liveChanges";
import { applyLiveOps, type LiveOp } from "./liveStore";
import { recordEslConnected, recordEslDisconnected } from "./nodeHealth";
import { CHANNELS_COMMAND, parseChannels, parseRegistrationStatus, registrationsCommand } from "./resyncReplies";

export type NodeEventStreamOptions = {
  /** Events are written in batches this often (one transaction per batch). */
  flushMs: number;
  /** No byte for this long (several heartbeat periods) = a dead connection. */
  idleMs: number;
  /** The sofia profile phones register on. */
  registrationProfile: string;
  /** Ops queued while the database is unreachable; past this the node is resynced instead. */
  maxQueuedOps: number;
  onError: (where: string, e: unknown) => void;
};

export const DEFAULT_STREAM_OPTIONS: Omit<NodeEventStreamOptions, "onError"> = {
  flushMs: 100,
  idleMs: 70_000,
  registrationProfile: "internal",
  maxQueuedOps: 200_000,
};

/** Reconnect delay: 0.5 s doubling to 30 s, with jitter so many workers do not reconnect in step. */
export function reconnectDelayMs(attempt: number): number {
  const base = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * One node's long-lived event socket: subscribe, resync from the node's own tables, then
 * apply events in batches; reconnect with backoff. Only the worker holding the node's lease runs it.
 */
export class NodeEventStream {
  private running = true;
  private ops: LiveOp[] = [];
  private connection: EslConnection | null = null;
  private wake: (() => void) | null = null;
  private flushing: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;
  private readonly loop: Promise<void>;

  constructor(
    private readonly db: Db,
    readonly nodeId: string,
    private readonly target: EslTarget,
    private readonly options: NodeEventStreamOptions,
  ) {
    this.timer = setInterval(() => void this.flush(), options.flushMs);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.connection?.close();
    this.wake?.();
    await this.loop;
    clearInterval(this.timer);
    await this.flush();
  }

  /** Writes what is queued now (tests and shutdown wait for it). */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (!this.ops.length) return Promise.resolve();
    const batch = this.ops;
    this.ops = [];
    this.flushing = applyLiveOps(this.db, this.nodeId, batch)
      .then(() => undefined)
      .catch(async (e: unknown) => {
        // Deleted while its events were in flight: they belong to nobody now.
        if (!(await this.db.telephonyNode.count({ where: { id: this.nodeId } }).catch(() => 1))) return;
        this.options.onError(`live state of node ${this.nodeId}`, e);
        // Keep the batch for the next try; a backlog too large to replay is replaced by a resync.
        this.ops = batch.concat(this.ops);
        if (this.ops.length > this.options.maxQueuedOps) {
          this.ops = [];
          this.connection?.close();
        }
      })
      .finally(() => {
        this.flushing = null;
      });
    return this.flushing;
  }

  private onMessage(m: EslMessage): void {
    const event = parseEslEvent(m);
    const change = event && liveChangeOf(event, new Date());
    if (change) this.ops.push({ kind: "change", change });
  }

  private async session(closed: Promise<Error>): Promise<Error> {
    const esl = await EslConnection.open(this.target, {
      onEvent: (m) => this.onMessage(m),
      onClose: (e) => this.closedWith?.(e),
    });
    this.connection = esl;
    await esl.subscribe("plain", LIVE_EVENT_NAMES, this.options.idleMs);
    await recordEslConnected(this.db, this.nodeId);
    // Snapshots enter the queue at the reply's place in the stream: events before it are
    // in the snapshot, events after it apply on top.
    const profile = this.options.registrationProfile;
    let failure: unknown = null;
    await esl.api(registrationsCommand(profile), (body) => {
      try {
        this.ops.push({ kind: "registrations-snapshot", rows: parseRegistrationStatus(body, profile, new Date()) });
      } catch (e) {
        failure = e;
      }
    });
    await esl.api(CHANNELS_COMMAND, (body) => {
      try {
        this.ops.push({ kind: "channels-snapshot", rows: parseChannels(body) });
      } catch (e) {
        failure ??= e;
      }
    });
    if (failure) throw failure;
    return closed;
  }

  private closedWith: ((e: Error) => void) | null = null;

  private async run(): Promise<void> {
    let attempt = 0;
    while (this.running) {
      const closed = new Promise<Error>((resolve) => (this.closedWith = resolve));
      let reason: string;
      try {
        const error = await this.session(closed);
        attempt = 0;
        reason = error.message;
      } catch (e) {
        reason = message(e);
      }
      this.connection?.close();
      this.connection = null;
      if (!this.running) break;
      await recordEslDisconnected(this.db, this.nodeId, reason).catch((e: unknown) =>
        this.options.onError(`node ${this.nodeId}`, e),
      );
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, reconnectDelayMs(attempt++));
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}
