import { describe, expect, it } from "vitest";
import { MinutesUsageCache } from "@/server/freeswitch/minutesUsageCache";

const used = (tenantSeconds: number) => ({ tenantSeconds, extensionSeconds: 0 });

describe("MinutesUsageCache", () => {
  it("reuses a sum within its time to live, per tenant and extension", async () => {
    const cache = new MinutesUsageCache(60_000);
    let loads = 0;
    const load = async () => used(++loads);
    expect(await cache.get("d1", "1001", load)).toEqual(used(1));
    expect(await cache.get("d1", "1001", load)).toEqual(used(1));
    expect(await cache.get("d1", "1002", load)).toEqual(used(2));
    expect(await cache.get("d2", "1001", load)).toEqual(used(3));
  });

  it("asks again once the time to live is over, and never remembers a failed load", async () => {
    const expired = new MinutesUsageCache(0);
    let loads = 0;
    await expired.get("d1", null, async () => used(++loads));
    await expired.get("d1", null, async () => used(++loads));
    expect(loads).toBe(2);

    const cache = new MinutesUsageCache(60_000);
    await expect(cache.get("d1", null, () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    await new Promise((r) => setTimeout(r, 0));
    expect(await cache.get("d1", null, async () => used(7))).toEqual(used(7));
  });

  it("stays bounded, dropping the oldest", async () => {
    const cache = new MinutesUsageCache(60_000, 2);
    let loads = 0;
    const load = async () => used(++loads);
    await cache.get("d1", null, load);
    await cache.get("d2", null, load);
    await cache.get("d3", null, load);
    expect(await cache.get("d1", null, load)).toEqual(used(4));
    expect(await cache.get("d3", null, load)).toEqual(used(3));
  });
});
