import { describe, expect, it } from "vitest";
import { AnswerCache } from "@/server/freeswitch/answerCache";

const options = { maxEntries: 3, loadTimeoutMs: 200, failureBackoffMs: 50 };

describe("AnswerCache", () => {
  it("loads once, then serves from memory", async () => {
    const cache = new AnswerCache(options);
    let loads = 0;
    const load = async () => `v${++loads}`;
    expect(await cache.get("a", { domain: "x" }, load)).toBe("v1");
    expect(await cache.get("a", { domain: "x" }, load)).toBe("v1");
    expect(loads).toBe(1);
  });

  it("shares one load between concurrent misses", async () => {
    const cache = new AnswerCache(options);
    let loads = 0;
    const load = () => new Promise<number>((r) => setTimeout(() => r(++loads), 10));
    const results = await Promise.all([1, 2, 3].map(() => cache.get("k", "platform", load)));
    expect(results).toEqual([1, 1, 1]);
  });

  it("invalidates a domain's entries and platform entries, not other domains", async () => {
    const cache = new AnswerCache({ ...options, maxEntries: 10 });
    let n = 0;
    const load = async () => ++n;
    await cache.get("x", { domain: "x.example" }, load);
    await cache.get("y", { domain: "y.example" }, load);
    await cache.get("p", "platform", load);
    cache.invalidate({ domain: "x.example" });
    expect(await cache.get("x", { domain: "x.example" }, load)).toBe(4);
    expect(await cache.get("y", { domain: "y.example" }, load)).toBe(2);
    expect(await cache.get("p", "platform", load)).toBe(5);
    cache.invalidate({ platform: true });
    expect(await cache.get("y", { domain: "y.example" }, load)).toBe(6);
  });

  it("serves the last good answer when the reload fails or hangs", async () => {
    const stale: string[] = [];
    const cache = new AnswerCache({ ...options, onStaleServed: (key) => stale.push(key) });
    await cache.get("u", { domain: "x" }, async () => "good");
    cache.markAllStale();
    expect(await cache.get("u", { domain: "x" }, () => Promise.reject(new Error("ECONNREFUSED")))).toBe("good");
    cache.markAllStale();
    await new Promise((r) => setTimeout(r, 60));
    expect(await cache.get("u", { domain: "x" }, () => new Promise<string>(() => undefined))).toBe("good");
    expect(stale).toEqual(["u", "u"]);
    // A miss has no last good answer: the failure surfaces.
    await expect(cache.get("other", { domain: "x" }, () => Promise.reject(new Error("down")))).rejects.toThrow("down");
  });

  it("does not keep a value loaded before an invalidation as fresh", async () => {
    const cache = new AnswerCache(options);
    let release: (v: string) => void = () => undefined;
    const slow = cache.get("k", { domain: "x" }, () => new Promise<string>((r) => (release = r)));
    cache.invalidate({ domain: "x" });
    release("old");
    expect(await slow).toBe("old");
    expect(await cache.get("k", { domain: "x" }, async () => "new")).toBe("new");
  });

  it("evicts an entry not used since the last sweep, keeping one just used (second chance)", async () => {
    const cache = new AnswerCache(options);
    for (const k of ["a", "b", "c"]) await cache.get(k, "platform", async () => k);
    await cache.get("a", "platform", async () => "reloaded");
    await cache.get("d", "platform", async () => "d");
    expect(cache.size).toBe(3);
    expect(await cache.get("a", "platform", async () => "a2")).toBe("a");
    expect(await cache.get("b", "platform", async () => "b2")).toBe("b2");
  });

  it("keeps the newcomer when every entry was used, evicting the oldest", async () => {
    const cache = new AnswerCache(options);
    for (const k of ["a", "b", "c"]) await cache.get(k, "platform", async () => k);
    for (const k of ["a", "b", "c"]) await cache.get(k, "platform", async () => `${k}2`);
    await cache.get("d", "platform", async () => "d");
    expect(cache.size).toBe(3);
    expect(await cache.get("d", "platform", async () => "d2")).toBe("d");
    expect(await cache.get("a", "platform", async () => "a2")).toBe("a2");
  });

  it("answers a fresh hit synchronously, without a promise", async () => {
    const cache = new AnswerCache(options);
    await cache.get("k", "platform", async () => "v");
    expect(cache.get("k", "platform", async () => "other")).toBe("v");
  });

  it("reloads an answer once its own expiry has passed, and only then", async () => {
    let now = 1_000;
    const cache = new AnswerCache({ ...options, now: () => now });
    let loads = 0;
    const load = async () => ({ n: ++loads, until: 2_000 });
    const expiry = (v: { until: number }) => v.until;
    expect((await cache.get("k", "platform", load, expiry)).n).toBe(1);
    now = 1_999;
    expect((await cache.get("k", "platform", load, expiry)).n).toBe(1);
    now = 2_000;
    expect((await cache.get("k", "platform", load, expiry)).n).toBe(2);
  });
});
