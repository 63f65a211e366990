import { describe, expect, it } from "vitest";
import { evaluateTimeCondition, instantOfWallClock, type TimeRules } from "@/server/dialplan/timeCondition";

const office: TimeRules = {
  weeklyHours: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00" }],
  holidays: [{ date: "2026-12-25", label: "Christmas" }],
  closedNow: false,
};
const at = (iso: string) => new Date(iso);

describe("evaluateTimeCondition", () => {
  it("is open until the last second before the end, closed on the end itself", () => {
    // Tuesday 1 December 2026 in Berlin (UTC+1).
    const before = evaluateTimeCondition(office, at("2026-12-01T16:59:59Z"), "Europe/Berlin");
    const onTheDot = evaluateTimeCondition(office, at("2026-12-01T17:00:00Z"), "Europe/Berlin");
    expect(before.branch).toBe("open");
    expect(before.reason).toBe("Tue 2026-12-01 17:59:59 Europe/Berlin: within Mon,Tue,Wed,Thu,Fri 09:00–18:00");
    expect(onTheDot.branch).toBe("closed");
    expect(onTheDot.reason).toContain("outside business hours");
  });

  it("says until when the branch holds: the next boundary, then midnight", () => {
    expect(evaluateTimeCondition(office, at("2026-12-01T16:59:59Z"), "Europe/Berlin").validUntil).toEqual(
      at("2026-12-01T17:00:00Z"),
    );
    // After 18:00 the next change the rules know of is local midnight.
    expect(evaluateTimeCondition(office, at("2026-12-01T17:00:00Z"), "Europe/Berlin").validUntil).toEqual(
      at("2026-12-01T23:00:00Z"),
    );
    expect(evaluateTimeCondition(office, at("2026-12-01T07:30:00Z"), "Europe/Berlin").validUntil).toEqual(
      at("2026-12-01T08:00:00Z"),
    );
  });

  it("is closed at weekends and on holidays, whatever the hours", () => {
    expect(evaluateTimeCondition(office, at("2026-12-05T10:00:00Z"), "Europe/Berlin").branch).toBe("closed");
    const christmas = evaluateTimeCondition(office, at("2026-12-25T10:00:00Z"), "Europe/Berlin");
    expect(christmas).toMatchObject({ branch: "closed", validUntil: at("2026-12-25T23:00:00Z") });
    expect(christmas.reason).toContain("holiday (Christmas)");
  });

  it("judges the day in the domain's zone, not UTC", () => {
    // 23:30 UTC on Friday is already Saturday in Berlin, still Friday 18:30 in New York.
    const rules = { ...office, weeklyHours: [{ days: [5], start: "18:00", end: "20:00" }] };
    expect(evaluateTimeCondition(rules, at("2026-12-04T23:30:00Z"), "America/New_York").branch).toBe("open");
    expect(evaluateTimeCondition(rules, at("2026-12-04T23:30:00Z"), "Europe/Berlin").branch).toBe("closed");
  });

  it("runs an overnight range past midnight on the following day", () => {
    const night: TimeRules = {
      weeklyHours: [{ days: [5], start: "22:00", end: "06:00" }],
      holidays: [],
      closedNow: false,
    };
    expect(evaluateTimeCondition(night, at("2026-12-04T22:30:00Z"), "UTC").branch).toBe("open"); // Fri 22:30
    expect(evaluateTimeCondition(night, at("2026-12-05T05:59:00Z"), "UTC").branch).toBe("open"); // Sat 05:59
    expect(evaluateTimeCondition(night, at("2026-12-05T06:00:00Z"), "UTC").branch).toBe("closed");
    expect(evaluateTimeCondition(night, at("2026-12-05T22:30:00Z"), "UTC").branch).toBe("closed"); // Sat night
  });

  it("keeps local hours across a daylight-saving change and never expires late", () => {
    // New York springs forward on 8 March 2026: 09:00 local is 14:00 UTC before, 13:00 UTC after.
    expect(evaluateTimeCondition(office, at("2026-03-06T14:00:00Z"), "America/New_York").branch).toBe("open");
    expect(evaluateTimeCondition(office, at("2026-03-09T13:00:00Z"), "America/New_York").branch).toBe("open");
    expect(evaluateTimeCondition(office, at("2026-03-09T12:59:00Z"), "America/New_York").branch).toBe("closed");
    // Saturday evening before the change: the next boundary is Sunday's local midnight (still EST).
    const sat = evaluateTimeCondition(office, at("2026-03-07T23:00:00Z"), "America/New_York");
    expect(sat.validUntil).toEqual(at("2026-03-08T05:00:00Z"));
    // An hours range ending inside the skipped hour (02:00–03:00) expires no later than the jump.
    const gap: TimeRules = {
      weeklyHours: [{ days: [0], start: "00:00", end: "02:30" }],
      holidays: [],
      closedNow: false,
    };
    const judged = evaluateTimeCondition(gap, at("2026-03-08T06:30:00Z"), "America/New_York"); // 01:30 EST
    expect(judged.branch).toBe("open");
    expect(judged.validUntil!.getTime()).toBeLessThanOrEqual(at("2026-03-08T07:00:00Z").getTime());
  });

  it("switched closed by hand stays closed until switched back", () => {
    const closed = evaluateTimeCondition({ ...office, closedNow: true }, at("2026-12-01T10:00:00Z"), "UTC");
    expect(closed).toEqual({ branch: "closed", reason: "switched to closed by hand", validUntil: null });
  });
});

describe("instantOfWallClock", () => {
  it("reads a wall-clock time in the zone, daylight saving included", () => {
    expect(instantOfWallClock("2026-12-01T18:00", "Europe/Berlin")).toEqual(at("2026-12-01T17:00:00Z"));
    expect(instantOfWallClock("2026-07-01T18:00", "Europe/Berlin")).toEqual(at("2026-07-01T16:00:00Z"));
    expect(instantOfWallClock("2026-12-01T18:00", "UTC")).toEqual(at("2026-12-01T18:00:00Z"));
  });
});
