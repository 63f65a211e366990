import { describe, expect, it } from "vitest";
import { DEFAULT_OUTBOUND_LIMITS } from "@/server/dialplan/callLimits";
import { didCandidates } from "@/server/dialplan/didCandidates";
import { parseFeatureCode } from "@/server/dialplan/featureCodes";
import { planCall, planInbound, type DialplanAction } from "@/server/dialplan/planCall";
import { callData, extension } from "./callDataFixtures";

const line = (a: DialplanAction) => `${a.app} ${a.data ?? ""}`.trim();
const lines = (actions: DialplanAction[]) => actions.map(line);

describe("calls to a local extension", () => {
  it("bridges user/NUM@DOMAIN, then voicemail", () => {
    const plan = planCall(callData({ local: { kind: "extension", extension: extension("1002") } }), "1002");
    expect(plan.rule).toEqual({ type: "extension", number: "1002" });
    expect(lines(plan.actions)).toEqual([
      "set limit_ignore_transfer=true",
      "limit hash tenant1.example domain-calls 10 !SWITCH_CONGESTION",
      "limit hash tenant1.example ext-1001 4 !USER_BUSY",
      "limit hash tenant1.example ext-1002 4 *991002 XML tenant1.example",
      "set call_timeout=25",
      "set hangup_after_bridge=true",
      "set continue_on_fail=true",
      "bridge user/1002@tenant1.example",
      "transfer *991002 XML tenant1.example",
    ]);
  });

  it("DND goes straight to voicemail, or busy without it", () => {
    const dnd = planCall(
      callData({ local: { kind: "extension", extension: extension("1002", { dnd: true }) } }),
      "1002",
    );
    expect(lines(dnd.actions).at(-1)).toBe("transfer *991002 XML tenant1.example");
    expect(lines(dnd.actions).some((l) => l.startsWith("bridge"))).toBe(false);
    const noVm = planCall(
      callData({ local: { kind: "extension", extension: extension("1002", { dnd: true, voicemailEnabled: false }) } }),
      "1002",
    );
    expect(lines(noVm.actions).at(-1)).toBe("hangup USER_BUSY");
  });

  it("forward always transfers as the forwarding extension", () => {
    const plan = planCall(
      callData({
        local: {
          kind: "extension",
          extension: extension("1002", { forwardAlways: { enabled: true, target: "+4917011" } }),
        },
      }),
      "1002",
    );
    expect(lines(plan.actions).slice(-2)).toEqual(["set sb_route_as=1002", "transfer +4917011 XML tenant1.example"]);
  });

  it("no-answer forward with timeout; busy falls back to the same target", () => {
    const plan = planCall(
      callData({
        local: {
          kind: "extension",
          extension: extension("1002", { noAnswerTimeout: 12, forwardNoAnswer: { enabled: true, target: "1003" } }),
        },
      }),
      "1002",
    );
    expect(lines(plan.actions)).toContain("set call_timeout=12");
    expect(lines(plan.actions).at(-1)).toBe("transfer 1003 XML tenant1.example");
  });

  it("busy forward only: other failures end the call with their cause", () => {
    const plan = planCall(
      callData({
        local: {
          kind: "extension",
          extension: extension("1002", { voicemailEnabled: false, forwardBusy: { enabled: true, target: "1004" } }),
        },
      }),
      "1002",
    );
    expect(lines(plan.actions).slice(-3)).toEqual([
      "set continue_on_fail=USER_BUSY",
      "bridge user/1002@tenant1.example",
      "transfer 1004 XML tenant1.example",
    ]);
  });

  it("ignores a stored forward target that is not a number (no dial-string injection)", () => {
    const plan = planCall(
      callData({
        local: {
          kind: "extension",
          extension: extension("1002", { forwardAlways: { enabled: true, target: "1003,sofia/gateway/x/900" } }),
        },
      }),
      "1002",
    );
    expect(lines(plan.actions).join("\n")).not.toContain("sofia/gateway");
  });

  it("records when either side records", () => {
    const plan = planCall(
      callData({ local: { kind: "extension", extension: extension("1002", { recordCalls: true }) } }),
      "1002",
    );
    expect(lines(plan.actions)).toContain("record_session ${recordings_dir}/tenant1.example/${uuid}.wav");
  });
});

describe("ring groups and IVR", () => {
  const members = [extension("1002"), extension("1003", { dnd: true }), extension("1004")];
  const group = {
    number: "600",
    name: "Sales",
    ringTimeout: 20,
    fallbackType: "VOICEMAIL" as const,
    fallbackTarget: "1002",
    members,
  };

  it("simultaneous rings everyone not on DND at once", () => {
    const plan = planCall(
      callData({ local: { kind: "ring-group", group: { ...group, strategy: "SIMULTANEOUS" } } }),
      "600",
    );
    expect(plan.rule).toMatchObject({ type: "ring-group", members: ["1002", "1004"] });
    expect(lines(plan.actions)).toContain("bridge user/1002@tenant1.example,user/1004@tenant1.example");
    expect(lines(plan.actions)).toContain("set call_timeout=20");
    expect(lines(plan.actions).at(-1)).toBe("transfer *991002 XML tenant1.example");
  });

  it("sequential rings one after another, each for the timeout", () => {
    const plan = planCall(
      callData({ local: { kind: "ring-group", group: { ...group, strategy: "SEQUENTIAL", fallbackType: "HANGUP" } } }),
      "600",
    );
    expect(lines(plan.actions)).toContain(
      "bridge [leg_timeout=20]user/1002@tenant1.example|[leg_timeout=20]user/1004@tenant1.example",
    );
    expect(lines(plan.actions).at(-1)).toBe("hangup NO_ANSWER");
  });

  it("IVR answers and runs the menu by name", () => {
    const plan = planCall(callData({ local: { kind: "ivr", menu: { number: "5000", name: "Main" } } }), "5000");
    expect(lines(plan.actions)).toContain("ivr 5000@tenant1.example");
  });
});

describe("outbound routes", () => {
  const national = {
    name: "national",
    pattern: "_0Z.",
    stripDigits: 1,
    prepend: "+49",
    callerIdNumber: null,
    gateways: ["gw-a", "gw-b"],
  };
  const intl = {
    name: "intl",
    pattern: "_00X.",
    stripDigits: 0,
    prepend: "",
    callerIdNumber: "+4930999",
    gateways: ["gw-c"],
  };

  it("takes the first matching route (caller's order), strips, prepends, and fails over", () => {
    const plan = planCall(callData({ routes: [national, intl] }), "030123");
    expect(plan.rule).toEqual({
      type: "outbound-route",
      route: "national",
      dialedOut: "+4930123",
      gateways: ["gw-a", "gw-b"],
    });
    expect(lines(plan.actions).slice(-4)).toEqual([
      "set continue_on_fail=true",
      "bridge sofia/gateway/gw-a/+4930123",
      "set continue_on_fail=false",
      "bridge sofia/gateway/gw-b/+4930123",
    ]);
  });

  it("enforces toll_allow, but never blocks emergency numbers", () => {
    const denied = planCall(callData({ routes: [national, intl] }), "0044123456");
    expect(denied.rule).toMatchObject({ type: "denied" });
    expect(lines(denied.actions)).toEqual(["hangup OUTGOING_CALL_BARRED"]);
    const allowed = planCall(
      callData({
        identity: { kind: "extension", extension: extension("1001", { tollAllow: ["international"] }) },
        routes: [national, intl],
        limits: { ...DEFAULT_OUTBOUND_LIMITS, allowInternational: true },
      }),
      "0044123456",
    );
    expect(allowed.rule).toMatchObject({ type: "outbound-route", route: "intl" });
    expect(lines(allowed.actions)).toContain("set effective_caller_id_number=+4930999");
    const emergency = planCall(
      callData({
        identity: { kind: "extension", extension: extension("1001", { tollAllow: [] }) },
        routes: [{ ...intl, pattern: "112" }],
      }),
      "112",
    );
    expect(emergency.rule).toMatchObject({ type: "outbound-route" });
  });

  it("refuses callers that are not an extension, and unmatched numbers", () => {
    expect(planCall(callData({ identity: { kind: "none" }, routes: [national] }), "030123").rule.type).toBe("denied");
    expect(lines(planCall(callData({ routes: [national] }), "99999").actions)).toEqual(["hangup UNALLOCATED_NUMBER"]);
  });

  it("skips a route whose prepend is not digits", () => {
    const plan = planCall(
      callData({
        routes: [
          { ...national, prepend: "1|sofia/gateway/evil/" },
          { ...national, name: "safe" },
        ],
      }),
      "030123",
    );
    expect(plan.rule).toMatchObject({ route: "safe" });
  });
});

describe("feature codes", () => {
  it("parses the codes", () => {
    expect(parseFeatureCode("*78")).toEqual({ code: "dnd-on" });
    expect(parseFeatureCode("*72+4917012")).toEqual({ code: "forward-always-on", target: "+4917012" });
    expect(parseFeatureCode("*991002")).toEqual({ code: "voicemail-deposit", box: "1002" });
    expect(parseFeatureCode("*7")).toBeNull();
  });

  it("DND on/off toggles the caller's own extension and confirms", () => {
    const on = planCall(callData({}), "*78");
    expect(on.toggle).toEqual({ extension: "1001", change: { field: "dnd", enabled: true } });
    expect(lines(on.actions)).toContain("playback ivr/ivr-dnd_activated.wav");
    expect(planCall(callData({}), "*79").toggle).toEqual({
      extension: "1001",
      change: { field: "dnd", enabled: false },
    });
  });

  it("forward always on needs a target; off keeps the stored one", () => {
    expect(planCall(callData({}), "*72").toggle).toBeUndefined();
    expect(planCall(callData({}), "*721003").toggle).toEqual({
      extension: "1001",
      change: { field: "forwardAlways", enabled: true, target: "1003" },
    });
  });

  it("an unauthenticated caller cannot toggle anything", () => {
    const plan = planCall(callData({ identity: { kind: "none" } }), "*78");
    expect(plan.toggle).toBeUndefined();
    expect(plan.rule.type).toBe("denied");
  });

  it("voicemail: *97 own box, *98 any box, *99N deposit", () => {
    expect(lines(planCall(callData({}), "*97").actions)).toContain("voicemail check default tenant1.example 1001");
    expect(lines(planCall(callData({}), "*98").actions)).toContain("voicemail check default tenant1.example");
    const deposit = planCall(callData({ local: { kind: "extension", extension: extension("1002") } }), "*991002");
    expect(lines(deposit.actions)).toContain("voicemail default tenant1.example 1002");
  });
});

describe("inbound DIDs", () => {
  it("transfers to the domain's destination", () => {
    const plan = planInbound("4930123456", {
      did: "+4930123456",
      domain: "t.example",
      destType: "EXTENSION",
      destTarget: "1001",
    });
    expect(lines(plan.actions).at(-1)).toBe("transfer 1001 XML t.example");
    expect(
      planInbound("4930123456", {
        did: "+4930123456",
        domain: "t.example",
        destType: "VOICEMAIL",
        destTarget: "1001",
      }).actions.at(-1),
    ).toEqual({
      app: "transfer",
      data: "*991001 XML t.example",
    });
    expect(lines(planInbound("1", null).actions)).toEqual(["hangup UNALLOCATED_NUMBER"]);
  });

  it("accepts E.164 with or without +, 00/011 prefixes, and NANP national forms", () => {
    expect(didCandidates("+4930123456")).toEqual(["+4930123456"]);
    expect(didCandidates("4930123456")).toEqual(["+4930123456", "+14930123456"]);
    expect(didCandidates("004930123456")).toEqual(["+4930123456"]);
    expect(didCandidates("2125551234")).toContain("+12125551234");
    expect(didCandidates("abc")).toEqual([]);
  });
});
