import { z } from "zod";
import { extensionNumberSchema } from "@/server/extensions/schemas";
import { destinationSchema } from "@/server/shared/destinationSchema";
import { idSchema } from "@/server/shared/id";
import { pageInputSchema } from "@/server/shared/pagination";

/** mod_callcenter's strategies, in the order the form offers them. */
export const QUEUE_STRATEGIES = [
  "LONGEST_IDLE_AGENT",
  "RING_ALL",
  "ROUND_ROBIN",
  "TOP_DOWN",
  "AGENT_WITH_LEAST_TALK_TIME",
  "AGENT_WITH_FEWEST_CALLS",
  "SEQUENTIALLY_BY_AGENT_ORDER",
  "RING_PROGRESSIVELY",
  "RANDOM",
] as const;

export const QUEUE_STRATEGY_LABELS: Record<(typeof QUEUE_STRATEGIES)[number], string> = {
  LONGEST_IDLE_AGENT: "Longest idle agent",
  RING_ALL: "Ring all agents",
  ROUND_ROBIN: "Round robin",
  TOP_DOWN: "Top down (by level and position)",
  AGENT_WITH_LEAST_TALK_TIME: "Least talk time",
  AGENT_WITH_FEWEST_CALLS: "Fewest calls",
  SEQUENTIALLY_BY_AGENT_ORDER: "Sequentially by agent order",
  RING_PROGRESSIVELY: "Ring progressively",
  RANDOM: "Random",
};

export const AGENT_STATUSES = ["AVAILABLE", "ON_BREAK", "LOGGED_OUT"] as const;
export type AgentStatusValue = (typeof AGENT_STATUSES)[number];

export const AGENT_STATUS_LABELS: Record<AgentStatusValue, string> = {
  AVAILABLE: "Available",
  ON_BREAK: "On break",
  LOGGED_OUT: "Logged out",
};

/** `*22` logs the calling phone in to (or out of) every queue it answers. */
export const AGENT_TOGGLE_CODE = "*22";

const seconds = (max: number, label: string) =>
  z.number({ error: "Enter seconds" }).int().min(0).max(max, `At most ${max} seconds${label}`);

const queueAgentSchema = z.object({
  extensionId: idSchema,
  /** Level 1 is offered calls first; higher levels after tierWaitSeconds per level. */
  level: z.number({ error: "Enter a level" }).int().min(1, "1 to 9").max(9, "1 to 9"),
});

const callQueueFields = z.object({
  number: extensionNumberSchema,
  name: z.string().trim().min(1, "Required").max(100),
  strategy: z.enum(QUEUE_STRATEGIES),
  maxWaitSeconds: seconds(7200, ""),
  noAgentWaitSeconds: seconds(3600, ""),
  tierWaitSeconds: seconds(600, "").refine((s) => s >= 5, "At least 5 seconds"),
  record: z.boolean(),
  /** Where callers go when they waited maxWaitSeconds (or noAgentWaitSeconds with nobody logged in). */
  fallback: destinationSchema,
  /** In position order within each level. */
  agents: z
    .array(queueAgentSchema)
    .max(200, "At most 200 agents")
    .refine((a) => new Set(a.map((x) => x.extensionId)).size === a.length, "An extension can be an agent only once"),
});

export const createCallQueueSchema = callQueueFields;
export const updateCallQueueSchema = callQueueFields.extend({ id: idSchema });
export const listCallQueuesSchema = pageInputSchema;
export const setAgentStatusSchema = z.object({ extensionId: idSchema, status: z.enum(AGENT_STATUSES) });

export type CreateCallQueueInput = z.infer<typeof createCallQueueSchema>;
export type UpdateCallQueueInput = z.infer<typeof updateCallQueueSchema>;
export type ListCallQueuesInput = z.infer<typeof listCallQueuesSchema>;
export type SetAgentStatusInput = z.infer<typeof setAgentStatusSchema>;
