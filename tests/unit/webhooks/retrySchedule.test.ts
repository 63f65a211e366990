import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_SCHEDULE, attemptsFor, retryDelayMs } from "@/server/webhooks/retrySchedule";

const waits = (schedule = DEFAULT_RETRY_SCHEDULE) =>
  Array.from({ length: attemptsFor(schedule) - 1 }, (_, i) => retryDelayMs(schedule, i + 1));

describe("webhook retry schedule", () => {
  it("doubles from 10 s and caps at 1 h between attempts", () => {
    expect(waits().slice(0, 10)).toEqual([10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600].map((s) => s * 1000));
    expect(Math.max(...waits())).toBe(3_600_000);
  });

  it("keeps trying for 24 h and not much longer", () => {
    const total = waits().reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(24 * 3_600_000);
    // The last wait is at most one cap long, so the window is overshot by less than an hour.
    expect(total).toBeLessThan(25 * 3_600_000);
    expect(attemptsFor(DEFAULT_RETRY_SCHEDULE)).toBe(33);
  });

  it("scales down for a short window (tests, local receivers)", () => {
    const schedule = { baseMs: 100, maxMs: 400, windowMs: 1000 };
    expect(waits(schedule)).toEqual([100, 200, 400, 400]);
  });
});
