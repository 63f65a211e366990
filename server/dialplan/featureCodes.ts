import { AGENT_TOGGLE_CODE } from "@/server/callQueues/schemas";
import { PARK_CODE } from "@/server/parking/schemas";
import { PICKUP_CODES } from "@/server/pickupGroups/schemas";
import { CLOSED_NOW_TOGGLE_CODE } from "@/server/timeConditions/schemas";
import { VOICEMAIL_DEPOSIT_PREFIX } from "./destination";

/** Star codes, chosen like FusionPBX so users' habits carry over. */
export type FeatureCode =
  | { code: "dnd-on" }
  | { code: "dnd-off" }
  | { code: "forward-always-on"; target: string | null }
  | { code: "forward-always-off" }
  | { code: "voicemail-own" }
  | { code: "voicemail-any" }
  | { code: "voicemail-deposit"; box: string }
  | { code: "pickup-group" }
  | { code: "pickup-directed"; extension: string }
  | { code: "park" }
  /** Flips business hours <number> between "closed now" and its hours. */
  | { code: "business-hours-toggle"; number: string }
  /** Logs the calling phone in to, or out of, every call queue it answers. */
  | { code: "agent-toggle" };

export const FEATURE_CODES = {
  dndOn: "*78",
  dndOff: "*79",
  forwardAlwaysOn: "*72",
  forwardAlwaysOff: "*73",
  voicemailOwn: "*97",
  voicemailAny: "*98",
  voicemailDeposit: VOICEMAIL_DEPOSIT_PREFIX,
  pickupGroup: PICKUP_CODES.group,
  pickupDirected: PICKUP_CODES.directed,
  park: PARK_CODE,
  businessHoursToggle: CLOSED_NOW_TOGGLE_CODE,
  agentToggle: AGENT_TOGGLE_CODE,
} as const;

export function parseFeatureCode(dialed: string): FeatureCode | null {
  switch (dialed) {
    case FEATURE_CODES.dndOn:
      return { code: "dnd-on" };
    case FEATURE_CODES.dndOff:
      return { code: "dnd-off" };
    case FEATURE_CODES.forwardAlwaysOff:
      return { code: "forward-always-off" };
    case FEATURE_CODES.voicemailOwn:
      return { code: "voicemail-own" };
    case FEATURE_CODES.voicemailAny:
      return { code: "voicemail-any" };
    case FEATURE_CODES.pickupGroup:
      return { code: "pickup-group" };
    case FEATURE_CODES.park:
      return { code: "park" };
    case FEATURE_CODES.agentToggle:
      return { code: "agent-toggle" };
  }
  // *72 alone re-enables the stored target; *72<number> sets a new one.
  const forward = /^\*72(\+?[0-9]{2,20})?$/.exec(dialed);
  if (forward) return { code: "forward-always-on", target: forward[1] ?? null };
  const deposit = /^\*99([0-9]{2,10})$/.exec(dialed);
  if (deposit?.[1]) return { code: "voicemail-deposit", box: deposit[1] };
  const directed = dialed.startsWith(PICKUP_CODES.directed) ? dialed.slice(PICKUP_CODES.directed.length) : null;
  if (directed && /^[0-9]{2,10}$/.test(directed)) return { code: "pickup-directed", extension: directed };
  const hours = dialed.startsWith(CLOSED_NOW_TOGGLE_CODE) ? dialed.slice(CLOSED_NOW_TOGGLE_CODE.length) : null;
  if (hours && /^[0-9]{2,10}$/.test(hours)) return { code: "business-hours-toggle", number: hours };
  return null;
}

/** A change a feature code makes to the caller's extension. */
export type FeatureToggle =
  { field: "dnd"; enabled: boolean } | { field: "forwardAlways"; enabled: boolean; target: string | null };
