import { LIMIT_KIND_LABELS, limitCause } from "@/components/callLimits/limitLabels";
import { QUEUE_STRATEGY_LABELS } from "@/server/callQueues/schemas";
import type { MatchedRule } from "@/server/dialplan/planCall";

/** The rule a call matched, in words a tenant admin recognises. */
export function describeRule(rule: MatchedRule): string {
  switch (rule.type) {
    case "extension":
      return `Extension ${rule.number}`;
    case "feature-code":
      return `Feature code (${rule.code})`;
    case "ring-group":
      return `Ring group ${rule.number} "${rule.name}" (${rule.strategy === "SIMULTANEOUS" ? "all at once" : "in turn"}): ${rule.members.join(", ") || "no members"}`;
    case "ivr":
      return `IVR menu ${rule.number} "${rule.name}"`;
    case "conference":
      return `Conference room ${rule.number} "${rule.name}"`;
    case "queue":
      return `Call queue ${rule.number} "${rule.name}" (${QUEUE_STRATEGY_LABELS[rule.strategy].toLowerCase()}): ${
        rule.availableAgents.length > 0 ? `agents available: ${rule.availableAgents.join(", ")}` : "no agent available"
      }; after ${rule.maxWaitSeconds > 0 ? `${rule.maxWaitSeconds} s` : "the wait with no agent logged in"} ${
        rule.fallback ? `the caller goes to ${rule.fallback}` : "the call ends"
      }`;
    case "time-condition":
      return `Business hours ${rule.number} "${rule.name}": ${rule.branch === "open" ? "open" : "closed"} (${rule.reason})`;
    case "pickup":
      return rule.from === "group"
        ? `Pickup: answers a call ringing in pickup group ${rule.targets.map((t) => `"${t}"`).join(", then ")}`
        : `Directed pickup: answers a call ringing extension ${rule.targets.join(", ")}`;
    case "park":
      return `Park: holds the call in the first free slot ${rule.firstSlot}–${rule.lastSlot}; after ${rule.timeoutSeconds} s it rings the phone that parked it`;
    case "park-retrieve":
      return `Parking slot ${rule.slot}: retrieves the call parked there (an empty slot parks this call)`;
    case "voicemail":
      return rule.box ? `Voicemail box ${rule.box}` : "Voicemail (any box)";
    case "outbound-route":
      return `Outbound route "${rule.route}": dials ${rule.dialedOut} via ${rule.gateways.join(", ") || "no gateway"}`;
    case "inbound-did":
      return `Phone number ${rule.did} of ${rule.domain}`;
    case "denied":
      return `Refused: ${rule.reason}`;
    case "limit":
      return `Refused by the ${LIMIT_KIND_LABELS[rule.kind].toLowerCase()} limit (${limitCause(rule.kind)}): ${rule.reason}`;
    case "not-found":
      return 'Nothing matches: the caller hears "number not in service"';
  }
}
