import { describe, expect, it } from "vitest";
import type { DialTimeCondition } from "@/server/dialplan/callData";
import { planCall } from "@/server/dialplan/planCall";
import { renderDialplan } from "@/server/freeswitch/render/dialplan";
import { callData } from "../dialplan/callDataFixtures";
import { expectGolden } from "./golden";

const officeHours: DialTimeCondition = {
  number: "800",
  name: "Office <hours> & more",
  rules: {
    weeklyHours: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00" }],
    holidays: [{ date: "2026-12-25", label: "Christmas" }],
    closedNow: false,
  },
  open: { type: "RING_GROUP", target: "600" },
  closed: { type: "VOICEMAIL", target: "1001" },
};
const local = { kind: "time-condition" as const, condition: officeHours };
const berlin = { name: "tenant1.example", maxConcurrentCalls: 10, timeZone: "Europe/Berlin", holdMusic: null };

describe("renderDialplan for business hours", () => {
  it("17:59:59 local: the open branch, held until 18:00", () => {
    const plan = planCall(callData({ domain: berlin, now: new Date("2026-12-01T16:59:59Z"), local }), "800");
    expect(plan.rule).toMatchObject({ type: "time-condition", branch: "open", next: "600" });
    expect(plan.validUntil).toEqual(new Date("2026-12-01T17:00:00Z"));
    expectGolden("dialplan-time-condition-open", renderDialplan(plan));
  });

  it("18:00:00 local: the closed branch, to voicemail", () => {
    const plan = planCall(callData({ domain: berlin, now: new Date("2026-12-01T17:00:00Z"), local }), "800");
    expect(plan.rule).toMatchObject({ type: "time-condition", branch: "closed", next: "*991001" });
    expectGolden("dialplan-time-condition-closed", renderDialplan(plan));
  });

  it("*31<number> flips the switch and confirms with a tone", () => {
    const plan = planCall(callData({ domain: berlin, local }), "*31800");
    expect(plan.closedNowSwitch).toEqual({ number: "800", closedNow: true });
    expectGolden("dialplan-time-condition-switch", renderDialplan(plan));
    const reopen = planCall(
      callData({
        domain: berlin,
        local: { ...local, condition: { ...officeHours, rules: { ...officeHours.rules, closedNow: true } } },
      }),
      "*31800",
    );
    expect(reopen.closedNowSwitch).toEqual({ number: "800", closedNow: false });
  });

  it("*31 needs a phone of the domain and business hours under that number", () => {
    expect(
      planCall(callData({ domain: berlin, identity: { kind: "none" }, local }), "*31800").closedNowSwitch,
    ).toBeUndefined();
    expect(planCall(callData({ domain: berlin, local: null }), "*31800").rule.type).toBe("not-found");
  });
});
