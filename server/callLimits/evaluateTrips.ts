import { writeAudit } from "@/server/audit/writeAudit";
import { lockFor } from "@/server/cluster/locks";
import type { Db } from "@/server/db/client";
import type { CallLimitKind } from "@/server/db/generated/enums";
import { recordChange } from "@/server/cluster/recordChange";
import { CALL_LIMITS_ACTOR, DEFAULT_CALL_LIMIT_POLICY, POLICY_ID } from "./defaults";

/** Outbox topic of "a tenant trips its limits repeatedly" (for webhooks and other consumers). */
export const TRIPPED_REPEATEDLY_TOPIC = "tenant.call-limits-tripped";

export type TrippedRepeatedly = {
  domainId: string;
  trips: number;
  windowMinutes: number;
  kinds: CallLimitKind[];
  autoBlocked: boolean;
};

/**
 * After new trips of a tenant: when its trips within the platform's window reach the
 * threshold, one notice per window (audit row, outbox event, dashboard notice) and, if
 * the platform enabled it, the tenant's outbound calls are blocked. Calls refused
 * because the tenant is already blocked do not count: they would only repeat the notice.
 */
export async function evaluateTrips(db: Db, domainId: string): Promise<TrippedRepeatedly | null> {
  return db.$transaction(async (tx) => {
    await lockFor(tx, `switchboard:call-limit-trips:${domainId}`);
    const policy = (await tx.callLimitPolicy.findUnique({ where: { id: POLICY_ID } })) ?? DEFAULT_CALL_LIMIT_POLICY;
    const since = new Date(Date.now() - policy.tripWindowMinutes * 60_000);
    const counts = await tx.callLimitTrip.groupBy({
      by: ["kind"],
      where: { domainId, createdAt: { gte: since }, kind: { not: "BLOCKED" } },
      _count: { _all: true },
    });
    const trips = counts.reduce((n, c) => n + c._count._all, 0);
    if (trips < policy.tripThreshold) return null;
    const recent = await tx.callLimitNotice.findFirst({ where: { domainId, createdAt: { gte: since } } });
    if (recent) return null;

    const domain = await tx.domain.findUnique({ where: { id: domainId }, select: { name: true } });
    if (!domain) return null;
    const limits = await tx.tenantCallLimits.findUnique({ where: { domainId } });
    const autoBlocked = policy.autoBlockEnabled && !limits?.outboundBlocked;
    const kinds = counts.sort((a, b) => b._count._all - a._count._all).map((c) => c.kind);
    const event: TrippedRepeatedly = { domainId, trips, windowMinutes: policy.tripWindowMinutes, kinds, autoBlocked };
    const notice = await tx.callLimitNotice.create({ data: { ...event } });
    await writeAudit(tx, CALL_LIMITS_ACTOR, {
      domainId,
      action: "call-limits.tripped-repeatedly",
      entityType: "CallLimitNotice",
      entityId: notice.id.toString(),
      after: event,
    });
    await tx.outboxEvent.create({
      data: { topic: TRIPPED_REPEATEDLY_TOPIC, payload: { ...event, domain: domain.name } },
    });
    if (autoBlocked) {
      const reason = `automatically after ${trips} limit trips in ${policy.tripWindowMinutes} minutes`;
      const block = { outboundBlocked: true, outboundBlockedAt: new Date(), outboundBlockedReason: reason };
      await tx.tenantCallLimits.upsert({ where: { domainId }, create: { domainId, ...block }, update: block });
      await writeAudit(tx, CALL_LIMITS_ACTOR, {
        domainId,
        action: "call-limits.auto-block",
        entityType: "TenantCallLimits",
        entityId: domainId,
        before: { outboundBlocked: false },
        after: block,
      });
      // Cached dialplan answers of the tenant must see the block at once.
      await recordChange(tx, { invalidate: { domain: domain.name } });
    }
    return event;
  });
}
