import { describe, expect, it } from "vitest";
import { TokenBucketLimiter } from "@/server/api/rest/rateLimiter";
import { rateLimitFromEnv } from "@/server/api/rest/restConfig";

describe("per-token rate limiter", () => {
  it("allows a burst, then refills at the configured rate", () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ perSecond: 2, burst: 4 }, () => now);
    const burst = Array.from({ length: 5 }, () => limiter.take("t1").allowed);
    expect(burst).toEqual([true, true, true, true, false]);
    expect(limiter.take("t1")).toEqual({ allowed: false, retryAfterSeconds: 1 });

    now = 499; // 0.998 of a request refilled: still not enough
    expect(limiter.take("t1").allowed).toBe(false);
    now = 500;
    expect(limiter.take("t1").allowed).toBe(true);
    expect(limiter.take("t1").allowed).toBe(false);

    now = 60_000; // a long pause refills only up to the burst
    expect(Array.from({ length: 5 }, () => limiter.take("t1").allowed)).toEqual([true, true, true, true, false]);
  });

  it("keeps one bucket per token and says how long to wait at slow rates", () => {
    const limiter = new TokenBucketLimiter({ perSecond: 0.1, burst: 1 }, () => 0);
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a")).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(limiter.take("b").allowed).toBe(true);
  });

  it("reads its limits from the environment with defaults of 20/s, burst 40", () => {
    expect(rateLimitFromEnv({})).toEqual({ perSecond: 20, burst: 40 });
    expect(rateLimitFromEnv({ API_RATE_LIMIT_PER_SECOND: "5", API_RATE_BURST: "10" })).toEqual({
      perSecond: 5,
      burst: 10,
    });
    expect(() => rateLimitFromEnv({ API_RATE_BURST: "0" })).toThrow(/API_RATE_BURST/);
  });
});
