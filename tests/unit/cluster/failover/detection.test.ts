import { describe, expect, it } from "vitest";
import { heartbeatSignal, nodeVerdict, type NodeSignals } from "@/server/cluster/failover/detection";

const sig = (heartbeat: NodeSignals["heartbeat"], kamailio: NodeSignals["kamailio"]): NodeSignals => ({
  heartbeat,
  kamailio,
});

describe("nodeVerdict", () => {
  it("EITHER: any signal that says down is enough; absent signals do not vote", () => {
    expect(nodeVerdict("EITHER", sig("none", "inactive")).down).toBe(true);
    expect(nodeVerdict("EITHER", sig("lost", "active")).down).toBe(true);
    expect(nodeVerdict("EITHER", sig("up", "active")).down).toBe(false);
    expect(nodeVerdict("EITHER", sig("none", "none")).down).toBe(false);
  });

  it("BOTH: every signal the node gives must say down, so a node without an event socket is judged by Kamailio alone", () => {
    expect(nodeVerdict("BOTH", sig("none", "inactive")).down).toBe(true);
    expect(nodeVerdict("BOTH", sig("lost", "none")).down).toBe(true);
    expect(nodeVerdict("BOTH", sig("lost", "inactive")).down).toBe(true);
    expect(nodeVerdict("BOTH", sig("up", "inactive")).down).toBe(false);
    expect(nodeVerdict("BOTH", sig("lost", "active")).down).toBe(false);
    expect(nodeVerdict("BOTH", sig("none", "none")).down).toBe(false);
  });

  it("single-signal rules ignore the other signal", () => {
    expect(nodeVerdict("KAMAILIO_INACTIVE", sig("lost", "active")).down).toBe(false);
    expect(nodeVerdict("KAMAILIO_INACTIVE", sig("up", "inactive")).down).toBe(true);
    expect(nodeVerdict("HEARTBEAT_LOST", sig("up", "inactive")).down).toBe(false);
    expect(nodeVerdict("HEARTBEAT_LOST", sig("lost", "active")).down).toBe(true);
  });

  it("says which signal said what", () => {
    expect(nodeVerdict("EITHER", sig("none", "inactive")).reason).toBe(
      "Kamailio: inactive on every proxy; heartbeat: none yet",
    );
  });
});

describe("heartbeatSignal", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  it("never heard from is no signal, not a lost one", () => {
    expect(heartbeatSignal({ health: "DOWN", lastHeartbeatAt: null }, now, 15_000)).toBe("none");
  });
  it("DOWN or older than the timeout is lost, else up", () => {
    const recent = new Date(now.getTime() - 5_000);
    const old = new Date(now.getTime() - 16_000);
    expect(heartbeatSignal({ health: "UP", lastHeartbeatAt: recent }, now, 15_000)).toBe("up");
    expect(heartbeatSignal({ health: "DOWN", lastHeartbeatAt: recent }, now, 15_000)).toBe("lost");
    expect(heartbeatSignal({ health: "UP", lastHeartbeatAt: old }, now, 15_000)).toBe("lost");
  });
});
