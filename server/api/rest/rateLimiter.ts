/**
 * Per-token token bucket, in process memory: each app process enforces the limit on
 * its own, so N processes behind a balancer allow up to N × the rate. Good enough to
 * stop a runaway script; a shared limit would need Redis.
 */
export type RateLimit = { perSecond: number; burst: number };

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type Bucket = { tokens: number; refilledAt: number };

// Buckets that have been full for this long carry no information and are dropped.
const IDLE_MS = 10 * 60_000;

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: () => number = Date.now,
  ) {}

  take(key: string): RateDecision {
    const now = this.clock();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, refilledAt: now };
    const refilled = Math.min(
      this.limit.burst,
      bucket.tokens + ((now - bucket.refilledAt) / 1000) * this.limit.perSecond,
    );
    if (refilled >= 1) {
      this.buckets.set(key, { tokens: refilled - 1, refilledAt: now });
      return { allowed: true };
    }
    this.buckets.set(key, { tokens: refilled, refilledAt: now });
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - refilled) / this.limit.perSecond)) };
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < IDLE_MS) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (now - bucket.refilledAt > IDLE_MS) this.buckets.delete(key);
  }
}
