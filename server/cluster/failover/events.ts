import type { Prisma } from "@/server/db/generated/client";
import type { PlatformContext, TenantContext } from "@/server/tenancy/context";
import { NodeRefs } from "./nodeRefs";
import type { ListFailoverEventsInput } from "./schemas";

const SELECT = {
  id: true,
  domainId: true,
  fromNodes: true,
  toNodes: true,
  reason: true,
  detectedAt: true,
  at: true,
  restoredAt: true,
  restoredBy: true,
  domain: { select: { name: true, displayName: true } },
} satisfies Prisma.FailoverEventSelect;

type Row = Prisma.FailoverEventGetPayload<{ select: typeof SELECT }>;

const shaped = ({ fromNodes, toNodes, ...e }: Row) => ({
  ...e,
  fromNodes: NodeRefs.parse(fromNodes),
  toNodes: NodeRefs.parse(toNodes),
});

/** Failover records, newest first; `openOnly` = the ones not restored yet (the banner). */
export async function listFailoverEvents(ctx: PlatformContext, input: ListFailoverEventsInput) {
  const rows = await ctx.db.failoverEvent.findMany({
    where: { ...(input.openOnly ? { restoredAt: null } : {}), ...(input.domainId ? { domainId: input.domainId } : {}) },
    orderBy: { at: "desc" },
    take: input.limit,
    select: SELECT,
  });
  return rows.map(shaped);
}

/** For the tenant's own pages: whether its service runs on failover nodes right now (no node details). */
export async function tenantFailoverNotice(ctx: TenantContext) {
  const open = await ctx.db.failoverEvent.findFirst({
    where: { domainId: ctx.domain.id, restoredAt: null },
    orderBy: { at: "asc" },
    select: { at: true },
  });
  return open ? { since: open.at } : null;
}
