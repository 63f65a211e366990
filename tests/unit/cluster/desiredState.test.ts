import { describe, expect, it } from "vitest";
import {
  dispatcherListFor,
  domainSetValue,
  domainSetValues,
  parseDomainSetValue,
  percentWeights,
  validateKamailioState,
  type AssignmentRow,
  type NodeRow,
} from "@/server/cluster/kamailio/desiredState";
import { setsOf } from "@/server/cluster/kamailio/tables";

const node = (id: string, port: number, adminState: NodeRow["adminState"] = "ACTIVE", weight = 100): NodeRow => ({
  id,
  hostname: `fs-${id}`,
  sipAddress: "10.0.0.1",
  sipPort: port,
  weight,
  adminState,
});
const assign = (domainName: string, nodeId: string, fallbackToAnyNode = true): AssignmentRow => ({
  domainName,
  nodeId,
  priority: 0,
  weight: 100,
  fallbackToAnyNode,
});

describe("dispatcherListFor", () => {
  it("puts every node in set 1 with its state, and gives each assigned group its own set", () => {
    const nodes = [node("a", 5081), node("b", 5082, "DRAINING"), node("c", 5083, "MAINTENANCE")];
    const state = dispatcherListFor(nodes, [
      assign("One.example", "b"),
      assign("two.example", "b"),
      assign("three.example", "a"),
    ]);
    expect(state.destinations.filter((d) => d.setId === 1)).toEqual([
      { setId: 1, uri: "sip:10.0.0.1:5081", flags: 0, priority: 0, attrs: "duid=fs-a;weight=34", duid: "fs-a" },
      { setId: 1, uri: "sip:10.0.0.1:5082", flags: 4, priority: 0, attrs: "duid=fs-b;weight=33", duid: "fs-b" },
      { setId: 1, uri: "sip:10.0.0.1:5083", flags: 4, priority: 0, attrs: "duid=fs-c;weight=33", duid: "fs-c" },
    ]);
    const setOfB = state.domainSets.get("one.example");
    expect(setOfB).toBe(state.domainSets.get("two.example"));
    expect(state.domainSets.get("three.example")).not.toBe(setOfB);
    expect(state.destinations.filter((d) => d.setId === setOfB).map((d) => [d.uri, d.flags])).toEqual([
      ["sip:10.0.0.1:5082", 4],
    ]);
    expect(() => validateKamailioState(state)).not.toThrow();
  });

  it("keeps a group's set id when other groups come and go, and across drains", () => {
    const nodes = [node("a", 5081), node("b", 5082)];
    const before = dispatcherListFor(nodes, [assign("x.example", "a"), assign("y.example", "b")]);
    const setOfY = before.domainSets.get("y.example")!;
    const drained = [node("a", 5081, "DRAINING"), node("b", 5082)];
    const after = dispatcherListFor(drained, [assign("y.example", "b")], setsOf(before.destinations));
    expect(after.domainSets.get("y.example")).toBe(setOfY);
  });

  it("refuses an empty list and dangling domain sets", () => {
    expect(() => validateKamailioState(dispatcherListFor([], []))).toThrow(/empty/);
    expect(() =>
      validateKamailioState({
        destinations: dispatcherListFor([node("a", 1)], []).destinations,
        domainSets: new Map([["d", 7]]),
        ownNodesOnly: new Set(),
      }),
    ).toThrow(/missing/);
  });

  it("marks 'only my nodes' domains in their htable value, and only those", () => {
    const nodes = [node("a", 5081), node("b", 5082)];
    const state = dispatcherListFor(nodes, [
      assign("Strict.example", "b", false),
      assign("loose.example", "b"),
      assign("alone.example", "a", false),
    ]);
    expect([...state.ownNodesOnly].sort()).toEqual(["alone.example", "strict.example"]);
    const setOfB = state.domainSets.get("loose.example")!;
    // The rule does not split a node group into two sets.
    expect(state.domainSets.get("strict.example")).toBe(setOfB);
    expect(domainSetValues(state)).toEqual(
      new Map([
        ["strict.example", `${setOfB}:own`],
        ["loose.example", String(setOfB)],
        ["alone.example", `${state.domainSets.get("alone.example")}:own`],
      ]),
    );
  });

  it("reads back the htable values it writes", () => {
    expect(parseDomainSetValue(domainSetValue(12, true))).toEqual({ setId: 12, ownNodesOnly: true });
    expect(parseDomainSetValue(domainSetValue(3, false))).toEqual({ setId: 3, ownNodesOnly: false });
    expect(parseDomainSetValue("7")).toEqual({ setId: 7, ownNodesOnly: false });
  });

  it("turns weights into percentages summing to 100", () => {
    expect(percentWeights([100, 100])).toEqual([50, 50]);
    expect(percentWeights([1, 1, 1])).toEqual([34, 33, 33]);
    expect(percentWeights([300, 100]).reduce((a, b) => a + b)).toBe(100);
  });
});
