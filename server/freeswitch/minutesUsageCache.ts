import type { MinutesUsed } from "@/server/callLimits/dailyMinutes";

/**
 * Today's outbound seconds per (tenant, extension), kept for a few seconds: a cap is
 * checked on every outbound call, and summing call_record that often would cost more
 * than a cap that reacts a few seconds late. Bounded; the oldest entries go first.
 */
export class MinutesUsageCache {
  private readonly entries = new Map<string, { at: number; value: Promise<MinutesUsed> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 20_000,
  ) {}

  get(domainId: string, extension: string | null, load: () => Promise<MinutesUsed>): Promise<MinutesUsed> {
    const key = `${domainId}|${extension ?? ""}`;
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = load();
    // A failed load is not remembered: the next call asks again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    this.entries.delete(key);
    this.entries.set(key, { at: now, value });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return value;
  }
}
