import type { CallLimitKind } from "@/server/db/generated/enums";

/**
 * A tenant's abuse limits as the planner sees them for one call (loaded by
 * server/freeswitch/loadOutboundLimits.ts). Plain data: the planner stays pure.
 */
export type OutboundLimits = {
  /** New outbound calls per second; 0 = no limit. */
  callsPerSecond: number;
  /** Concurrent outbound calls; 0 = no limit. */
  maxCalls: number;
  allowInternational: boolean;
  allowPremium: boolean;
  /** Tenant allow-list: prefixes dialled despite the two switches above. */
  allowedPrefixes: string[];
  /** The platform's premium-rate prefixes. */
  premiumPrefixes: string[];
  /** Why the tenant's outbound calls are blocked; null = not blocked. */
  blockedReason: string | null;
  /** Daily outbound minutes of the tenant and of the calling extension: cap, and seconds used today (UTC). */
  tenantMinutes: MinutesBudget | null;
  extensionMinutes: MinutesBudget | null;
};

export type MinutesBudget = { capMinutes: number; usedSeconds: number };

/** A tenant without a limits row: no rate or count limit, international and premium-rate barred. */
export const DEFAULT_OUTBOUND_LIMITS: OutboundLimits = {
  callsPerSecond: 0,
  maxCalls: 0,
  allowInternational: false,
  allowPremium: false,
  allowedPrefixes: [],
  premiumPrefixes: [],
  blockedReason: null,
  tenantMinutes: null,
  extensionMinutes: null,
};

/**
 * Hangup causes of the abuse limits, chosen so the SIP status tells the phone what
 * happened (FreeSWITCH's cause → SIP mapping): rate and count limits are transient
 * (503), a barred destination or a blocked tenant is a policy refusal (403
 * OUTGOING_CALL_BARRED), used-up minutes are a quota refusal (403 CALL_REJECTED).
 */
export const LIMIT_HANGUP_CAUSES: Record<CallLimitKind, string> = {
  CPS: "NORMAL_CIRCUIT_CONGESTION",
  CONCURRENT: "SWITCH_CONGESTION",
  DESTINATION: "OUTGOING_CALL_BARRED",
  TENANT_MINUTES: "CALL_REJECTED",
  EXTENSION_MINUTES: "CALL_REJECTED",
  BLOCKED: "OUTGOING_CALL_BARRED",
};

/**
 * FreeSWITCH transfers a call over a `limit` to this extension in the domain context
 * (`sb-limit-cps`, `sb-limit-concurrent`), so the trip reaches us as a dialplan request.
 */
const LIMIT_TRIP_EXTENSIONS = { CPS: "sb-limit-cps", CONCURRENT: "sb-limit-concurrent" } as const;

export type LimitTripExtension = keyof typeof LIMIT_TRIP_EXTENSIONS;

export function limitTripExtension(kind: LimitTripExtension): string {
  return LIMIT_TRIP_EXTENSIONS[kind];
}

export function parseLimitTrip(dialed: string): LimitTripExtension | null {
  if (dialed === LIMIT_TRIP_EXTENSIONS.CPS) return "CPS";
  if (dialed === LIMIT_TRIP_EXTENSIONS.CONCURRENT) return "CONCURRENT";
  return null;
}

/** `limit` resources in the domain's realm (the realm also holds domain-calls and ext-N). */
export const OUTBOUND_LIMIT_RESOURCES = { calls: "outbound-calls", rate: "outbound-cps" } as const;

/** 00… and 011… are international prefixes: read them as "+" so one allow-list entry covers all three. */
export function normalizedDestination(number: string): string {
  if (number.startsWith("011")) return `+${number.slice(3)}`;
  if (number.startsWith("00")) return `+${number.slice(2)}`;
  return number;
}

const startsWithAny = (numbers: string[], prefixes: string[]) =>
  numbers.some((n) => prefixes.some((p) => p !== "" && n.startsWith(p)));

/**
 * Why a destination is barred by the tenant's policy, or null. Both the number as dialled
 * and as sent to the trunk are checked, since a route may turn 0900… into +49900….
 */
export function destinationBarred(
  limits: OutboundLimits,
  dialed: string,
  dialedOut: string,
  international: boolean,
): string | null {
  const forms = [normalizedDestination(dialed), normalizedDestination(dialedOut)];
  if (startsWithAny(forms, limits.allowedPrefixes)) return null;
  if (!limits.allowPremium && startsWithAny(forms, limits.premiumPrefixes))
    return `premium-rate destinations are not allowed for this tenant`;
  if (!limits.allowInternational && international) return `international destinations are not allowed for this tenant`;
  return null;
}

export function minutesUsedUp(budget: MinutesBudget | null): boolean {
  return budget !== null && budget.usedSeconds >= budget.capMinutes * 60;
}
