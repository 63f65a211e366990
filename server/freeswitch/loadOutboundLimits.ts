import { DEFAULT_CALL_LIMIT_POLICY, POLICY_ID } from "@/server/callLimits/defaults";
import { loadMinutesUsed, type MinutesUsed } from "@/server/callLimits/dailyMinutes";
import type { DbTx } from "@/server/db/client";
import type { OutboundLimits } from "@/server/dialplan/callLimits";

/** A tenant's limit settings and the platform's premium prefixes: what changes only when someone edits them. */
export type LimitSettings = Omit<OutboundLimits, "tenantMinutes" | "extensionMinutes"> & {
  tenantDailyMinutes: number | null;
  extensionDailyMinutes: number | null;
};

type Row = {
  outboundCallsPerSecond: number | null;
  maxOutboundCalls: number | null;
  allowInternational: boolean | null;
  allowPremium: boolean | null;
  allowedPrefixes: string[] | null;
  tenantDailyMinutes: number | null;
  extensionDailyMinutes: number | null;
  outboundBlocked: boolean | null;
  outboundBlockedReason: string | null;
  premiumPrefixes: string[] | null;
};

/** One statement; a tenant without a row gets the defaults (international and premium-rate barred). */
export async function loadLimitSettings(db: DbTx, domainId: string): Promise<LimitSettings> {
  const [row] = await db.$queryRaw<Row[]>`
    SELECT l.outbound_calls_per_second AS "outboundCallsPerSecond", l.max_outbound_calls AS "maxOutboundCalls",
           l.allow_international AS "allowInternational", l.allow_premium AS "allowPremium",
           l.allowed_prefixes AS "allowedPrefixes", l.tenant_daily_minutes AS "tenantDailyMinutes",
           l.extension_daily_minutes AS "extensionDailyMinutes", l.outbound_blocked AS "outboundBlocked",
           l.outbound_blocked_reason AS "outboundBlockedReason", p.premium_prefixes AS "premiumPrefixes"
    FROM (SELECT 1) one
    LEFT JOIN tenant_call_limits l ON l.domain_id = ${domainId}
    LEFT JOIN call_limit_policy p ON p.id = ${POLICY_ID}`;
  return {
    callsPerSecond: row?.outboundCallsPerSecond ?? 0,
    maxCalls: row?.maxOutboundCalls ?? 0,
    allowInternational: row?.allowInternational ?? false,
    allowPremium: row?.allowPremium ?? false,
    allowedPrefixes: row?.allowedPrefixes ?? [],
    premiumPrefixes: row?.premiumPrefixes ?? DEFAULT_CALL_LIMIT_POLICY.premiumPrefixes,
    blockedReason: row?.outboundBlocked ? (row.outboundBlockedReason ?? "blocked by the platform") : null,
    tenantDailyMinutes: row?.tenantDailyMinutes ?? null,
    extensionDailyMinutes: row?.extensionDailyMinutes ?? null,
  };
}

export function hasDailyCaps(settings: LimitSettings): boolean {
  return settings.tenantDailyMinutes !== null || settings.extensionDailyMinutes !== null;
}

/** The planner's view: settings plus today's usage (only asked for when a cap is set). */
export function outboundLimitsOf(settings: LimitSettings, used: MinutesUsed | null): OutboundLimits {
  const { tenantDailyMinutes, extensionDailyMinutes, ...rest } = settings;
  return {
    ...rest,
    tenantMinutes:
      tenantDailyMinutes === null ? null : { capMinutes: tenantDailyMinutes, usedSeconds: used?.tenantSeconds ?? 0 },
    extensionMinutes:
      extensionDailyMinutes === null
        ? null
        : { capMinutes: extensionDailyMinutes, usedSeconds: used?.extensionSeconds ?? 0 },
  };
}

/** Uncached, for the simulator: settings, and today's minutes when a cap is set. */
export async function loadOutboundLimits(
  db: DbTx,
  domainId: string,
  callerNumber: string | undefined,
): Promise<OutboundLimits> {
  const settings = await loadLimitSettings(db, domainId);
  if (!hasDailyCaps(settings)) return outboundLimitsOf(settings, null);
  return outboundLimitsOf(settings, await loadMinutesUsed(db, domainId, callerNumber ?? null));
}
