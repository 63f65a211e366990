import type { AgentStatus, QueueStrategy } from "@/server/db/generated/enums";

// mod_callcenter names, the planner's and the renderer's part. Queues and agents are
// global on a node, so each carries its domain: two tenants' queue 800 or agent 1001 never meet.

/** The queue a domain's queue number is on the node (`callcenter <name>`, callcenter.conf `<queue name>`). */
export function callQueueName(domain: string, number: string): string {
  return `${number}@${domain}`;
}

/** The mod_callcenter agent an extension answers queues as. */
export function queueAgentName(domain: string, extension: string): string {
  return `${extension}@${domain}`;
}

/**
 * A `<number>@<domain>` name (a queue, planCall.ts `conferenceName`) back into its parts, as
 * FreeSWITCH hands it back (mod_callcenter's `CC-Queue`, mod_conference's `conference_name`);
 * anything else is not ours.
 */
export function parseNumberAtDomain(name: string | undefined): { number: string; domain: string } | null {
  const at = name?.indexOf("@") ?? -1;
  if (!name || at <= 0) return null;
  const number = name.slice(0, at);
  const domain = name.slice(at + 1).toLowerCase();
  return /^[0-9]{2,10}$/.test(number) && domain !== "" ? { number, domain } : null;
}

export const QUEUE_STRATEGY_PARAMS: Record<QueueStrategy, string> = {
  RING_ALL: "ring-all",
  LONGEST_IDLE_AGENT: "longest-idle-agent",
  ROUND_ROBIN: "round-robin",
  TOP_DOWN: "top-down",
  AGENT_WITH_LEAST_TALK_TIME: "agent-with-least-talk-time",
  AGENT_WITH_FEWEST_CALLS: "agent-with-fewest-calls",
  SEQUENTIALLY_BY_AGENT_ORDER: "sequentially-by-agent-order",
  RANDOM: "random",
  RING_PROGRESSIVELY: "ring-progressively",
};

/** mod_callcenter's status strings (`callcenter_config agent set status`, callcenter.conf `status=`). */
export const AGENT_STATUS_PARAMS: Record<AgentStatus, "Available" | "On Break" | "Logged Out"> = {
  AVAILABLE: "Available",
  ON_BREAK: "On Break",
  LOGGED_OUT: "Logged Out",
};
