import { describe, it } from "vitest";
import { DEFAULT_OUTBOUND_LIMITS } from "@/server/dialplan/callLimits";
import { planCall } from "@/server/dialplan/planCall";
import { renderDialplan } from "@/server/freeswitch/render/dialplan";
import { callData, extension } from "../dialplan/callDataFixtures";
import { expectGolden } from "./golden";

const national = {
  name: "national",
  pattern: "_0Z.",
  stripDigits: 1,
  prepend: "+49",
  callerIdNumber: null,
  gateways: ["carrier-a"],
};

describe("renderDialplan with abuse limits", () => {
  it("outbound call under a rate and a count limit", () => {
    const data = callData({
      routes: [national],
      limits: { ...DEFAULT_OUTBOUND_LIMITS, callsPerSecond: 3, maxCalls: 10 },
    });
    expectGolden("dialplan-outbound-limited", renderDialplan(planCall(data, "030123456")));
  });

  it("the rate limit's trip extension", () => {
    const data = callData({ limits: { ...DEFAULT_OUTBOUND_LIMITS, callsPerSecond: 3 } });
    expectGolden("dialplan-limit-cps", renderDialplan(planCall(data, "sb-limit-cps")));
  });

  it("the count limit's trip extension", () => {
    const data = callData({ limits: { ...DEFAULT_OUTBOUND_LIMITS, maxCalls: 10 } });
    expectGolden("dialplan-limit-concurrent", renderDialplan(planCall(data, "sb-limit-concurrent")));
  });

  it("a destination the tenant's policy bars", () => {
    const data = callData({
      identity: { kind: "extension", extension: extension("1001", { tollAllow: ["international"] }) },
      routes: [{ ...national, pattern: "_00X.", stripDigits: 0, prepend: "" }],
    });
    expectGolden("dialplan-limit-destination", renderDialplan(planCall(data, "0044123456")));
  });

  it("used-up daily minutes", () => {
    const data = callData({
      routes: [national],
      limits: { ...DEFAULT_OUTBOUND_LIMITS, tenantMinutes: { capMinutes: 60, usedSeconds: 3600 } },
    });
    expectGolden("dialplan-limit-minutes", renderDialplan(planCall(data, "030123456")));
  });
});
