import "server-only";
import { writeAudit } from "@/server/audit/writeAudit";
import { recordChange } from "@/server/cluster/recordChange";
import type { DbTx } from "@/server/db/client";
import type { CallLimitKind } from "@/server/db/generated/enums";
import type { PlatformContext, TenantContext } from "@/server/tenancy/context";
import { NotFoundError } from "@/server/tenancy/errors";
import { loadMinutesUsed } from "./dailyMinutes";
import { DEFAULT_CALL_LIMIT_POLICY, POLICY_ID } from "./defaults";
import type {
  CallLimitPolicyInput,
  SetOutboundBlockInput,
  SetTenantCallLimitsInput,
  TenantCallLimitsInput,
} from "./schemas";

export type TenantCallLimits = TenantCallLimitsInput & {
  outboundBlocked: boolean;
  outboundBlockedAt: Date | null;
  outboundBlockedReason: string | null;
};

export type CallLimitTripRow = {
  id: string;
  kind: CallLimitKind;
  extension: string | null;
  destination: string | null;
  createdAt: Date;
};

export type CallLimitNoticeRow = {
  id: string;
  domainId: string;
  domainName: string;
  trips: number;
  windowMinutes: number;
  kinds: CallLimitKind[];
  autoBlocked: boolean;
  createdAt: Date;
};

export type CallLimitsView = {
  limits: TenantCallLimits;
  /** Outbound minutes of the whole tenant today (UTC), from call records. */
  minutesUsedToday: number;
  recentTrips: CallLimitTripRow[];
  /** "Trips its limits repeatedly" notices not yet acknowledged by the platform. */
  openNotices: CallLimitNoticeRow[];
};

/** A tenant without a row: no rate or count limit, international and premium-rate barred, no caps. */
export const DEFAULT_TENANT_CALL_LIMITS: TenantCallLimits = {
  outboundCallsPerSecond: 0,
  maxOutboundCalls: 0,
  edgeCallsPerSecond: 0,
  edgeConcurrentCalls: 0,
  allowInternational: false,
  allowPremium: false,
  allowedPrefixes: [],
  tenantDailyMinutes: null,
  extensionDailyMinutes: null,
  outboundBlocked: false,
  outboundBlockedAt: null,
  outboundBlockedReason: null,
};

const limitsSelect = {
  outboundCallsPerSecond: true,
  maxOutboundCalls: true,
  edgeCallsPerSecond: true,
  edgeConcurrentCalls: true,
  allowInternational: true,
  allowPremium: true,
  allowedPrefixes: true,
  tenantDailyMinutes: true,
  extensionDailyMinutes: true,
  outboundBlocked: true,
  outboundBlockedAt: true,
  outboundBlockedReason: true,
} as const;

async function limitsOf(db: DbTx, domainId: string): Promise<TenantCallLimits> {
  const row = await db.tenantCallLimits.findUnique({ where: { domainId }, select: limitsSelect });
  return row ?? DEFAULT_TENANT_CALL_LIMITS;
}

const noticeRow = (n: {
  id: bigint;
  domainId: string;
  trips: number;
  windowMinutes: number;
  kinds: CallLimitKind[];
  autoBlocked: boolean;
  createdAt: Date;
  domain: { name: string };
}): CallLimitNoticeRow => ({
  id: n.id.toString(),
  domainId: n.domainId,
  domainName: n.domain.name,
  trips: n.trips,
  windowMinutes: n.windowMinutes,
  kinds: n.kinds,
  autoBlocked: n.autoBlocked,
  createdAt: n.createdAt,
});

async function viewOf(db: DbTx, domainId: string): Promise<CallLimitsView> {
  const [limits, used, trips, notices] = await Promise.all([
    limitsOf(db, domainId),
    loadMinutesUsed(db, domainId, null),
    db.callLimitTrip.findMany({ where: { domainId }, orderBy: { id: "desc" }, take: 20 }),
    db.callLimitNotice.findMany({
      where: { domainId, acknowledgedAt: null },
      orderBy: { id: "desc" },
      take: 10,
      include: { domain: { select: { name: true } } },
    }),
  ]);
  return {
    limits,
    minutesUsedToday: Math.floor(used.tenantSeconds / 60),
    recentTrips: trips.map((t) => ({
      id: t.id.toString(),
      kind: t.kind,
      extension: t.extension,
      destination: t.destination,
      createdAt: t.createdAt,
    })),
    openNotices: notices.map(noticeRow),
  };
}

/** The tenant's own limits, usage, trips and notices (read-only for the tenant). */
export function getTenantCallLimits(ctx: TenantContext): Promise<CallLimitsView> {
  return viewOf(ctx.db, ctx.domain.id);
}

async function domainOrThrow(db: DbTx, domainId: string): Promise<{ id: string; name: string }> {
  const domain = await db.domain.findUnique({ where: { id: domainId }, select: { id: true, name: true } });
  if (!domain) throw new NotFoundError("Domain");
  return domain;
}

export async function getDomainCallLimits(ctx: PlatformContext, domainId: string): Promise<CallLimitsView> {
  await domainOrThrow(ctx.db, domainId);
  return viewOf(ctx.db, domainId);
}

const edgeChanged = (a: TenantCallLimitsInput, b: TenantCallLimitsInput) =>
  a.edgeCallsPerSecond !== b.edgeCallsPerSecond || a.edgeConcurrentCalls !== b.edgeConcurrentCalls;

/** Platform admins set a tenant's limits; the dialplan sees them at once, Kamailio after the push. */
export async function setTenantCallLimits(
  ctx: PlatformContext,
  input: SetTenantCallLimitsInput,
): Promise<TenantCallLimits> {
  const { domainId, ...limits } = input;
  return ctx.db.$transaction(async (tx) => {
    const domain = await domainOrThrow(tx, domainId);
    const before = await limitsOf(tx, domainId);
    const after = await tx.tenantCallLimits.upsert({
      where: { domainId },
      create: { domainId, ...limits },
      update: limits,
      select: limitsSelect,
    });
    await writeAudit(tx, ctx.actor, {
      domainId,
      action: "call-limits.update",
      entityType: "TenantCallLimits",
      entityId: domainId,
      before,
      after,
    });
    await recordChange(tx, {
      invalidate: { domain: domain.name },
      push: edgeChanged(before, after)
        ? { reason: `edge limits of ${domain.name}`, events: [{ topic: "kamailio.sync" }] }
        : undefined,
    });
    return after;
  });
}

/** Blocks or unblocks a tenant's outbound calls (also how an automatic block is lifted). */
export async function setOutboundBlock(ctx: PlatformContext, input: SetOutboundBlockInput): Promise<TenantCallLimits> {
  return ctx.db.$transaction(async (tx) => {
    const domain = await domainOrThrow(tx, input.domainId);
    const before = await limitsOf(tx, input.domainId);
    const block = input.blocked
      ? {
          outboundBlocked: true,
          outboundBlockedAt: new Date(),
          outboundBlockedReason: input.reason ?? "blocked by the platform",
        }
      : { outboundBlocked: false, outboundBlockedAt: null, outboundBlockedReason: null };
    const after = await tx.tenantCallLimits.upsert({
      where: { domainId: input.domainId },
      create: { domainId: input.domainId, ...block },
      update: block,
      select: limitsSelect,
    });
    await writeAudit(tx, ctx.actor, {
      domainId: input.domainId,
      action: input.blocked ? "call-limits.block" : "call-limits.unblock",
      entityType: "TenantCallLimits",
      entityId: input.domainId,
      before: { outboundBlocked: before.outboundBlocked, outboundBlockedReason: before.outboundBlockedReason },
      after: block,
    });
    await recordChange(tx, { invalidate: { domain: domain.name } });
    return after;
  });
}

export type CallLimitPolicy = CallLimitPolicyInput;

async function policyOf(db: DbTx): Promise<CallLimitPolicy> {
  const row = await db.callLimitPolicy.findUnique({ where: { id: POLICY_ID } });
  if (!row) return DEFAULT_CALL_LIMIT_POLICY;
  const { autoBlockEnabled, tripThreshold, tripWindowMinutes, premiumPrefixes } = row;
  return { autoBlockEnabled, tripThreshold, tripWindowMinutes, premiumPrefixes };
}

export function getCallLimitPolicy(ctx: PlatformContext): Promise<CallLimitPolicy> {
  return policyOf(ctx.db);
}

export async function setCallLimitPolicy(ctx: PlatformContext, input: CallLimitPolicyInput): Promise<CallLimitPolicy> {
  return ctx.db.$transaction(async (tx) => {
    const before = await policyOf(tx);
    await tx.callLimitPolicy.upsert({ where: { id: POLICY_ID }, create: { id: POLICY_ID, ...input }, update: input });
    await writeAudit(tx, ctx.actor, {
      action: "call-limits.policy",
      entityType: "CallLimitPolicy",
      entityId: POLICY_ID,
      before,
      after: input,
    });
    // Premium prefixes are in every tenant's dialplan decisions.
    await recordChange(tx, { invalidate: { platform: true } });
    return input;
  });
}

/** Every tenant's open notices, newest first: the platform dashboard. */
export async function listOpenNotices(ctx: PlatformContext): Promise<CallLimitNoticeRow[]> {
  const rows = await ctx.db.callLimitNotice.findMany({
    where: { acknowledgedAt: null },
    orderBy: { id: "desc" },
    take: 50,
    include: { domain: { select: { name: true } } },
  });
  return rows.map(noticeRow);
}

export async function acknowledgeNotice(ctx: PlatformContext, id: string): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const notice = await tx.callLimitNotice.findUnique({ where: { id: BigInt(id) } });
    if (!notice) throw new NotFoundError("Notice");
    if (notice.acknowledgedAt) return;
    await tx.callLimitNotice.update({ where: { id: notice.id }, data: { acknowledgedAt: new Date() } });
    await writeAudit(tx, ctx.actor, {
      domainId: notice.domainId,
      action: "call-limits.notice-acknowledged",
      entityType: "CallLimitNotice",
      entityId: id,
    });
  });
}
