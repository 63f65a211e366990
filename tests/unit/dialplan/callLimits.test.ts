import { describe, expect, it } from "vitest";
import { DEFAULT_CALL_LIMIT_POLICY } from "@/server/callLimits/defaults";
import type { DialRoute } from "@/server/dialplan/callData";
import {
  DEFAULT_OUTBOUND_LIMITS,
  destinationBarred,
  normalizedDestination,
  parseLimitTrip,
  type OutboundLimits,
} from "@/server/dialplan/callLimits";
import { planCall, type DialplanAction } from "@/server/dialplan/planCall";
import { callData, extension } from "./callDataFixtures";

const lines = (actions: DialplanAction[]) => actions.map((a) => `${a.app} ${a.data ?? ""}`.trim());

const national: DialRoute = {
  name: "national",
  pattern: "_0Z.",
  stripDigits: 1,
  prepend: "+49",
  callerIdNumber: null,
  gateways: ["gw-a"],
};
const intl: DialRoute = {
  name: "intl",
  pattern: "_00X.",
  stripDigits: 0,
  prepend: "",
  callerIdNumber: null,
  gateways: ["gw-b"],
};
const emergency: DialRoute = { ...national, name: "emergency", pattern: "112", stripDigits: 0, prepend: "" };

const limits = (overrides: Partial<OutboundLimits>): OutboundLimits => ({
  ...DEFAULT_OUTBOUND_LIMITS,
  premiumPrefixes: DEFAULT_CALL_LIMIT_POLICY.premiumPrefixes,
  ...overrides,
});
const internationalCaller = {
  kind: "extension" as const,
  extension: extension("1001", { tollAllow: ["domestic", "international"] }),
};
const call = (l: Partial<OutboundLimits>, dialed: string) =>
  planCall(callData({ identity: internationalCaller, routes: [emergency, national, intl], limits: limits(l) }), dialed);

describe("outbound rate and count limits", () => {
  it("an outbound call carries the rate limit, then the count limit, each overflowing to its trip extension", () => {
    const plan = call({ callsPerSecond: 5, maxCalls: 20 }, "030123");
    expect(plan.rule.type).toBe("outbound-route");
    expect(plan.trip).toBeUndefined();
    expect(lines(plan.actions).slice(0, 5)).toEqual([
      "set limit_ignore_transfer=true",
      "limit hash tenant1.example domain-calls 10 !SWITCH_CONGESTION",
      "limit hash tenant1.example ext-1001 4 !USER_BUSY",
      "limit hash tenant1.example outbound-cps 5/1 sb-limit-cps XML tenant1.example",
      "limit hash tenant1.example outbound-calls 20 sb-limit-concurrent XML tenant1.example",
    ]);
  });

  it("no limit app when the limits are 0 (unlimited), and none on internal calls", () => {
    expect(lines(call({}, "030123").actions).join("\n")).not.toContain("outbound-");
    const internal = planCall(
      callData({
        local: { kind: "extension", extension: extension("1002") },
        limits: limits({ callsPerSecond: 1, maxCalls: 1 }),
      }),
      "1002",
    );
    expect(lines(internal.actions).join("\n")).not.toContain("outbound-");
  });

  it("the trip extensions hang up with the limit's cause and name the trip", () => {
    const cps = call({ callsPerSecond: 5 }, "sb-limit-cps");
    expect(cps.rule).toEqual({ type: "limit", kind: "CPS", reason: "more than 5 new outbound calls per second" });
    expect(lines(cps.actions)).toEqual(["hangup NORMAL_CIRCUIT_CONGESTION"]);
    expect(cps.trip).toEqual({ kind: "CPS", extension: "1001", destination: "sb-limit-cps" });
    const count = call({ maxCalls: 2 }, "sb-limit-concurrent");
    expect(count.rule).toMatchObject({ kind: "CONCURRENT", reason: "more than 2 concurrent outbound calls" });
    expect(lines(count.actions)).toEqual(["hangup SWITCH_CONGESTION"]);
    expect(parseLimitTrip("sb-limit-other")).toBeNull();
  });
});

describe("destination policy", () => {
  it("international is barred by default, whatever the extension's toll_allow", () => {
    const plan = call({}, "0044123456");
    expect(plan.rule).toMatchObject({ type: "limit", kind: "DESTINATION" });
    expect(plan.rule.type === "limit" && plan.rule.reason).toContain("international");
    expect(lines(plan.actions)).toEqual(["hangup OUTGOING_CALL_BARRED"]);
    expect(plan.trip).toEqual({ kind: "DESTINATION", extension: "1001", destination: "0044123456" });
  });

  it("allowed per tenant, or per prefix on the allow-list (00 and 011 read as +)", () => {
    expect(call({ allowInternational: true }, "0044123456").rule.type).toBe("outbound-route");
    expect(call({ allowedPrefixes: ["+44"] }, "0044123456").rule.type).toBe("outbound-route");
    expect(call({ allowedPrefixes: ["+44"] }, "0033123456").rule.type).toBe("limit");
    expect(normalizedDestination("01144123")).toBe("+44123");
  });

  it("premium-rate numbers are barred by default, as dialled or as sent to the trunk", () => {
    // 0900… is domestic as dialled, +49900… after the route's prepend.
    const plan = call({}, "09001234");
    expect(plan.rule).toMatchObject({ type: "limit", kind: "DESTINATION" });
    expect(plan.rule.type === "limit" && plan.rule.reason).toContain("premium-rate");
    expect(call({ allowPremium: true }, "09001234").rule.type).toBe("outbound-route");
    expect(call({ allowInternational: true }, "00449090").rule.type).toBe("limit");
    expect(destinationBarred(limits({}), "030123", "+4930123", false)).toBeNull();
  });
});

describe("blocks and daily minutes", () => {
  it("a blocked tenant's outbound calls are barred, with the reason", () => {
    const plan = call({ blockedReason: "fraud suspected" }, "030123");
    expect(plan.rule).toEqual({
      type: "limit",
      kind: "BLOCKED",
      reason: "outbound calls of this tenant are blocked: fraud suspected",
    });
    expect(lines(plan.actions)).toEqual(["hangup OUTGOING_CALL_BARRED"]);
  });

  it("used-up tenant minutes, then extension minutes, reject the call", () => {
    const cap = (capMinutes: number, usedSeconds: number) => ({ capMinutes, usedSeconds });
    expect(call({ tenantMinutes: cap(10, 599) }, "030123").rule.type).toBe("outbound-route");
    const tenant = call({ tenantMinutes: cap(10, 600), extensionMinutes: cap(1, 60) }, "030123");
    expect(tenant.rule).toMatchObject({ kind: "TENANT_MINUTES" });
    expect(lines(tenant.actions)).toEqual(["hangup CALL_REJECTED"]);
    const ext = call({ tenantMinutes: cap(10, 0), extensionMinutes: cap(1, 61) }, "030123");
    expect(ext.rule).toMatchObject({ kind: "EXTENSION_MINUTES" });
    expect(ext.rule.type === "limit" && ext.rule.reason).toContain("extension 1001");
  });

  it("a DID-routed forward counts against the tenant, not an extension", () => {
    const plan = planCall(
      callData({
        identity: { kind: "did" },
        routes: [national],
        limits: limits({ extensionMinutes: { capMinutes: 1, usedSeconds: 999 } }),
      }),
      "030123",
    );
    expect(plan.rule.type).toBe("outbound-route");
  });

  it("emergency numbers pass every limit", () => {
    const plan = call(
      { blockedReason: "x", tenantMinutes: { capMinutes: 0, usedSeconds: 5 }, callsPerSecond: 1, maxCalls: 1 },
      "112",
    );
    expect(plan.rule).toMatchObject({ type: "outbound-route", route: "emergency" });
    expect(lines(plan.actions).join("\n")).not.toContain("outbound-");
  });
});
