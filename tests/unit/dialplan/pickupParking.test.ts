import { describe, expect, it } from "vitest";
import type { CallData } from "@/server/dialplan/callData";
import { parseFeatureCode } from "@/server/dialplan/featureCodes";
import { planCall, type DialplanAction } from "@/server/dialplan/planCall";
import { parkingSlotOf } from "@/server/dialplan/pickupParking";
import { callData, extension } from "./callDataFixtures";

const lines = (actions: DialplanAction[]) => actions.map((a) => `${a.app} ${a.data ?? ""}`.trim());
const sales = { id: "grpsales", name: "Sales" };
const support = { id: "grpsupport", name: "Support" };
const lot = { firstSlot: 7001, lastSlot: 7099, timeoutSeconds: 90 };
const ringing = (groups: CallData["pickupGroups"]["local"]) =>
  callData({ local: { kind: "extension", extension: extension("1002") }, pickupGroups: { caller: [], local: groups } });

describe("feature codes for pickup and parking", () => {
  it("parses *8, **<ext> and *70", () => {
    expect(parseFeatureCode("*8")).toEqual({ code: "pickup-group" });
    expect(parseFeatureCode("**1002")).toEqual({ code: "pickup-directed", extension: "1002" });
    expect(parseFeatureCode("*70")).toEqual({ code: "park" });
    expect(parseFeatureCode("**")).toBeNull();
    expect(parseFeatureCode("**1002@other.example")).toBeNull();
  });

  it("recognises slots of the lot only, as written", () => {
    expect(parkingSlotOf(lot, "7001")).toBe(7001);
    expect(parkingSlotOf(lot, "7099")).toBe(7099);
    expect(parkingSlotOf(lot, "7100")).toBeNull();
    expect(parkingSlotOf(lot, "07001")).toBeNull();
    expect(parkingSlotOf(null, "7001")).toBeNull();
  });
});

describe("a call to an extension in pickup groups", () => {
  it("rings the phone and one pickup leg per key, all in the domain, failing fast on busy", () => {
    const plan = planCall(ringing([sales, support]), "1002");
    expect(lines(plan.actions)).toContain(
      "bridge {fail_on_single_reject=true}user/1002@tenant1.example,pickup/1002@tenant1.example,pickup/group-grpsales@tenant1.example,pickup/group-grpsupport@tenant1.example",
    );
  });

  it("an extension in no group rings only the phone (unchanged dialplan)", () => {
    const plan = planCall(ringing([]), "1002");
    expect(lines(plan.actions)).toContain("bridge user/1002@tenant1.example");
    expect(lines(plan.actions).some((l) => l.includes("fail_on_single_reject"))).toBe(false);
  });
});

describe("pickup", () => {
  it("*8 picks up from each of the caller's groups in turn", () => {
    const plan = planCall(callData({ pickupGroups: { caller: [sales, support], local: [] } }), "*8");
    expect(plan.rule).toEqual({ type: "pickup", from: "group", targets: ["Sales", "Support"] });
    expect(lines(plan.actions)).toEqual([
      "pickup group-grpsales@tenant1.example",
      "pickup group-grpsupport@tenant1.example",
      "hangup NORMAL_CLEARING",
    ]);
  });

  it("*8 from a phone in no group is refused", () => {
    const plan = planCall(callData({}), "*8");
    expect(plan.rule.type).toBe("denied");
    expect(lines(plan.actions)).toEqual(["hangup UNALLOCATED_NUMBER"]);
  });

  it("**<ext> picks up that extension of the caller's domain", () => {
    const data = callData({
      local: { kind: "extension", extension: extension("1002") },
      pickupGroups: { caller: [], local: [sales] },
    });
    const plan = planCall(data, "**1002");
    expect(plan.rule).toEqual({ type: "pickup", from: "extension", targets: ["1002"] });
    expect(lines(plan.actions)).toEqual(["pickup 1002@tenant1.example", "hangup NORMAL_CLEARING"]);
  });

  it("**<ext> of a number that is no extension here is not found", () => {
    const plan = planCall(callData({}), "**2002");
    expect(plan.rule).toEqual({ type: "not-found" });
  });

  it("**<ext> of an extension in no group explains why nothing can be picked up", () => {
    const data = callData({ local: { kind: "extension", extension: extension("1002") } });
    expect(planCall(data, "**1002").rule.type).toBe("denied");
  });

  it("needs a phone of the domain", () => {
    const data = callData({ identity: { kind: "did" }, pickupGroups: { caller: [sales], local: [] } });
    expect(planCall(data, "*8").rule.type).toBe("denied");
  });
});

describe("parking", () => {
  it("*70 parks in the first free slot and returns to the parker on timeout", () => {
    const plan = planCall(callData({ parking: lot }), "*70");
    expect(plan.rule).toEqual({ type: "park", ...lot });
    expect(lines(plan.actions)).toEqual([
      "set valet_parking_timeout=90",
      "set valet_parking_orbit_dialplan=XML",
      "set valet_parking_orbit_context=tenant1.example",
      "set valet_parking_orbit_exten=${referred_by_user}",
      "answer",
      // mod_valet_parking's max is exclusive.
      "valet_park park@tenant1.example auto in 7001 7100",
      "hangup NORMAL_CLEARING",
    ]);
  });

  it("*70 parks a transferred outside call too", () => {
    const plan = planCall(callData({ identity: { kind: "did" }, parking: lot }), "*70");
    expect(plan.rule.type).toBe("park");
  });

  it("*70 without an enabled lot is not found", () => {
    expect(planCall(callData({}), "*70").rule).toEqual({ type: "not-found" });
  });

  it("a slot number retrieves from the domain's lot", () => {
    const plan = planCall(callData({ parking: lot }), "7042");
    expect(plan.rule).toEqual({ type: "park-retrieve", slot: 7042 });
    expect(lines(plan.actions)).toEqual(["answer", "valet_park park@tenant1.example 7042", "hangup NORMAL_CLEARING"]);
  });

  it("a slot number with parking off is an ordinary number", () => {
    expect(planCall(callData({}), "7042").rule.type).not.toBe("park-retrieve");
  });

  it("slots are retrieved from phones of the domain only", () => {
    expect(planCall(callData({ identity: { kind: "did" }, parking: lot }), "7042").rule.type).toBe("denied");
  });
});
