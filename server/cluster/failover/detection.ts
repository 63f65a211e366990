import type { FailoverDetectionRule } from "@/server/db/generated/enums";

/**
 * The two independent signals about one node. "none" = the node has never given that
 * signal (no heartbeat ever, e.g. a node without an event socket; no proxy reports it):
 * an absent signal does not vote, so either signal can act alone.
 */
export type NodeSignals = {
  heartbeat: "up" | "lost" | "none";
  kamailio: "active" | "inactive" | "none";
};

export type NodeVerdict = { down: boolean; reason: string };

const HEARTBEAT_TEXT = { up: "heartbeat: up", lost: "heartbeat: lost", none: "heartbeat: none yet" } as const;
const KAMAILIO_TEXT = {
  active: "Kamailio: active",
  inactive: "Kamailio: inactive on every proxy",
  none: "Kamailio: not reported",
} as const;

/** Whether the node is down under the platform's detection rule (pure, unit-tested). */
export function nodeVerdict(rule: FailoverDetectionRule, s: NodeSignals): NodeVerdict {
  const lost = s.heartbeat === "lost";
  const inactive = s.kamailio === "inactive";
  const heard = s.heartbeat !== "none";
  const reported = s.kamailio !== "none";
  let down: boolean;
  switch (rule) {
    case "HEARTBEAT_LOST":
      down = lost;
      break;
    case "KAMAILIO_INACTIVE":
      down = inactive;
      break;
    case "EITHER":
      down = lost || inactive;
      break;
    case "BOTH":
      // Every signal the node gives must say "down", and at least one must exist.
      down = (heard || reported) && (!heard || lost) && (!reported || inactive);
      break;
  }
  return { down, reason: `${KAMAILIO_TEXT[s.kamailio]}; ${HEARTBEAT_TEXT[s.heartbeat]}` };
}

/** LIVE's heartbeat columns as a signal: never heard from = none; DOWN or stale = lost. */
export function heartbeatSignal(
  node: { health: string; lastHeartbeatAt: Date | null },
  now: Date,
  timeoutMs: number,
): NodeSignals["heartbeat"] {
  if (!node.lastHeartbeatAt) return "none";
  if (node.health === "DOWN" || now.getTime() - node.lastHeartbeatAt.getTime() > timeoutMs) return "lost";
  return "up";
}
