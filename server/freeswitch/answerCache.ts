import type { ConfigScope } from "@/server/cluster/recordChange";
import { countCacheLookup, countDatabaseError } from "@/server/observability/metrics";

/** What an entry depends on: one domain's data, or anything in the platform (nodes, trunks, DIDs). */
export type CacheTag = { domain: string } | "platform";

/**
 * `used`: read since eviction last passed it (the CLOCK bit); a hit only sets it, it never re-orders the Map.
 * `expiresAt`: when the answer stops being right without any edit (business hours), as ms since the epoch.
 */
type Entry = { value: unknown; tag: string; stale: boolean; used: boolean; expiresAt: number };

/** When an answer stays right until an edit; anything else says when it stops being right. */
export type ExpiryOf<T> = (value: T) => number;
const NEVER = Number.POSITIVE_INFINITY;

const PLATFORM_TAG = "*";
const tagKey = (tag: CacheTag): string => (tag === "platform" ? PLATFORM_TAG : `d:${tag.domain}`);

export type AnswerCacheOptions = {
  maxEntries: number;
  /** A load slower than this counts as a database failure (FreeSWITCH is waiting). */
  loadTimeoutMs: number;
  /** After a failed load, serve stale answers for this long without retrying the database. */
  failureBackoffMs: number;
  onStaleServed?: (key: string, error: unknown) => void;
  /** The clock answers expire by (tests set it). */
  now?: () => number;
};

/**
 * A bounded cache of answers keyed by what determines them, evicting by second chance
 * (CLOCK): a hit only flags its entry, and eviction moves a flagged entry to the back
 * once instead of evicting it, so hits, the hot path, never re-order the Map.
 * Invalidation only marks entries stale: a stale entry is reloaded on its next use, but
 * if the database cannot answer, the last good value is served, so phones keep
 * registering through a database restart.
 */
export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byTag = new Map<string, Set<string>>();
  private readonly inflight = new Map<string, { epoch: number; promise: Promise<unknown> }>();
  /** Bumped by every invalidation: a load that started before one is stored already stale. */
  private epoch = 0;
  private failingUntil = 0;

  private readonly now: () => number;

  constructor(private readonly options: AnswerCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * A fresh hit is returned as is, not wrapped in a promise: hits are the hot path. An
   * answer with an `expiryOf` is reloaded once its time has passed; the clock is only read
   * for such answers.
   */
  get<T>(key: string, tag: CacheTag, load: () => Promise<T>, expiryOf?: ExpiryOf<T>): T | Promise<T> {
    const entry = this.entries.get(key);
    if (entry) {
      entry.used = true;
      if (!entry.stale && (entry.expiresAt === NEVER || entry.expiresAt > this.now())) {
        countCacheLookup("hit");
        return entry.value as T;
      }
      if (Date.now() < this.failingUntil) {
        countCacheLookup("stale");
        return entry.value as T;
      }
    }
    return this.miss(key, tag, load, entry, expiryOf);
  }

  private async miss<T>(
    key: string,
    tag: CacheTag,
    load: () => Promise<T>,
    entry: Entry | undefined,
    expiryOf: ExpiryOf<T> | undefined,
  ): Promise<T> {
    // Concurrent misses share one load, unless it began before an invalidation.
    const running = this.inflight.get(key);
    if (running && running.epoch === this.epoch) {
      countCacheLookup("miss");
      return running.promise as Promise<T>;
    }
    const mine = { epoch: this.epoch, promise: this.loadAndStore(key, tagKey(tag), load, entry, expiryOf) };
    this.inflight.set(key, mine);
    try {
      return await mine.promise;
    } finally {
      if (this.inflight.get(key) === mine) this.inflight.delete(key);
    }
  }

  private async loadAndStore<T>(
    key: string,
    tag: string,
    load: () => Promise<T>,
    previous: Entry | undefined,
    expiryOf: ExpiryOf<T> | undefined,
  ): Promise<T> {
    const startedAt = this.epoch;
    let value: T;
    try {
      value = await withTimeout(load(), this.options.loadTimeoutMs);
    } catch (error) {
      // Loads only read: a failed or timed-out one is the database's.
      countDatabaseError("xmlcurl");
      this.failingUntil = Date.now() + this.options.failureBackoffMs;
      if (previous) {
        countCacheLookup("stale");
        this.options.onStaleServed?.(key, error);
        return previous.value as T;
      }
      countCacheLookup("miss");
      throw error;
    }
    countCacheLookup("miss");
    this.failingUntil = 0;
    this.store(key, tag, value, startedAt !== this.epoch, expiryOf ? expiryOf(value) : NEVER);
    return value;
  }

  private store(key: string, tag: string, value: unknown, stale: boolean, expiresAt: number): void {
    const old = this.entries.get(key);
    if (old) this.untag(key, old.tag);
    this.entries.delete(key);
    this.makeRoom();
    this.entries.set(key, { value, tag, stale, used: false, expiresAt });
    let keys = this.byTag.get(tag);
    if (!keys) this.byTag.set(tag, (keys = new Set()));
    keys.add(key);
  }

  /**
   * Map order is the clock: a used entry at the front gets its second chance at the back.
   * Room is made before the new entry goes in, so a pass over entries that were all used
   * cannot end on the (not yet used) newcomer.
   */
  private makeRoom(): void {
    while (this.entries.size > 0 && this.entries.size >= this.options.maxEntries) {
      const [oldest, entry] = this.entries.entries().next().value ?? [];
      if (oldest === undefined || entry === undefined) break;
      this.entries.delete(oldest);
      if (entry.used) {
        entry.used = false;
        this.entries.set(oldest, entry);
      } else this.untag(oldest, entry.tag);
    }
  }

  private untag(key: string, tag: string): void {
    const keys = this.byTag.get(tag);
    keys?.delete(key);
    if (keys?.size === 0) this.byTag.delete(tag);
  }

  private markTag(tag: string): void {
    for (const key of this.byTag.get(tag) ?? []) {
      const entry = this.entries.get(key);
      if (entry) entry.stale = true;
    }
  }

  /** A committed change: a domain's answers and every platform-wide one, or everything. */
  invalidate(scope: ConfigScope): void {
    this.epoch++;
    if ("platform" in scope) return this.markAllStale();
    this.markTag(tagKey({ domain: scope.domain }));
    this.markTag(PLATFORM_TAG);
  }

  /** When notifications may have been missed (listener reconnecting), trust nothing blindly. */
  markAllStale(): void {
    this.epoch++;
    for (const entry of this.entries.values()) entry.stale = true;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`load took longer than ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
