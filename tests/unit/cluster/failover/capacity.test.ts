import { describe, expect, it } from "vitest";
import { CALLS_PER_NODE, EXTENSIONS_PER_NODE, fits, utilisation } from "@/server/cluster/failover/capacity";
import { pickFailoverNodes, planFailover, suggestGroup, type Candidate } from "@/server/cluster/failover/placement";

const load = (extensions: number, registrations: number, calls: number) => ({ extensions, registrations, calls });

describe("capacity rule", () => {
  it("a node sized for 1,500 calls is full at 10,000 extensions, 10,000 phones or 1,500 calls", () => {
    expect(utilisation(CALLS_PER_NODE, load(EXTENSIONS_PER_NODE, 0, 0))).toBeCloseTo(1);
    expect(utilisation(CALLS_PER_NODE, load(0, EXTENSIONS_PER_NODE, 0))).toBeCloseTo(1);
    expect(utilisation(CALLS_PER_NODE, load(0, 0, CALLS_PER_NODE))).toBeCloseTo(1);
  });

  it("whichever runs out first decides; capacity scales the extension side too", () => {
    // 500 calls of capacity ≈ 3,333 extensions.
    expect(utilisation(500, load(1000, 200, 250))).toBeCloseTo(0.5);
    expect(utilisation(500, load(3000, 0, 50))).toBeCloseTo(0.9);
    expect(fits(500, load(3000, 0, 50), load(300, 0, 0))).toBe(true);
    expect(fits(500, load(3000, 0, 50), load(400, 0, 0))).toBe(false);
  });
});

const node = (hostname: string, u: number, spare = false, capacity = 1500): Candidate => ({
  nodeId: hostname,
  hostname,
  capacity,
  spare,
  load: load(0, 0, u * capacity),
});

describe("failover targets", () => {
  it("prefers a spare, then the least utilised active node", () => {
    const picked = pickFailoverNodes([node("a", 0.1), node("b", 0.5), node("spare", 0.3, true)], load(0, 0, 10), 2);
    expect(picked.map((c) => c.hostname)).toEqual(["spare", "a"]);
  });

  it("passes over a spare that has no room for the domain", () => {
    const picked = pickFailoverNodes([node("a", 0.2), node("spare", 0.99, true)], load(0, 0, 100), 1);
    expect(picked.map((c) => c.hostname)).toEqual(["a"]);
  });

  it("still picks the least utilised node when nothing fits", () => {
    const picked = pickFailoverNodes([node("a", 1.2), node("b", 0.99)], load(0, 0, 100), 1);
    expect(picked.map((c) => c.hostname)).toEqual(["b"]);
  });

  it("spreads many domains: each pick adds load the next one sees", () => {
    const plan = planFailover(
      [
        { domainId: "d1", nodeCount: 1, demand: load(0, 0, 600) },
        { domainId: "d2", nodeCount: 1, demand: load(0, 0, 600) },
      ],
      [node("a", 0.1), node("b", 0.2)],
    );
    expect(new Set([plan.get("d1")![0]!.hostname, plan.get("d2")![0]!.hostname])).toEqual(new Set(["a", "b"]));
  });
});

describe("placement for a new tenant", () => {
  it("suggests the least utilised group with room, never a spare", () => {
    const best = suggestGroup(
      [{ nodes: [node("a", 0.6), node("b", 0.6)] }, { nodes: [node("c", 0.3)] }, { nodes: [node("s", 0, true)] }],
      load(100, 0, 10),
    );
    expect(best?.nodes.map((n) => n.hostname)).toEqual(["c"]);
  });

  it("returns null when no group has room", () => {
    expect(suggestGroup([{ nodes: [node("a", 0.95)] }], load(0, 0, 200))).toBeNull();
  });
});
