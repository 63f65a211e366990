import "server-only";
import { recentAudit } from "@/server/audit/queries";
import { syncStatus } from "@/server/cluster/syncStatus";
import { healthNote } from "@/server/liveState/healthNote";
import type { PlatformContext } from "@/server/tenancy/context";

/**
 * One read of everything the platform dashboard shows. Nodes and proxies come from the
 * cluster's own syncStatus, so the dashboard and the nodes/proxies pages never disagree.
 */
export async function loadPlatformDashboard(ctx: PlatformContext) {
  const [sync, tenants, recent] = await Promise.all([
    syncStatus(ctx),
    ctx.db.domain.groupBy({ by: ["status"], _count: { _all: true } }),
    recentAudit(ctx.db, 10),
  ]);
  const count = (status: string) => tenants.find((t) => t.status === status)?._count._all ?? 0;
  return {
    // Red "down" alone does not say whether the node ever answered.
    nodes: sync.nodes.map((n) => ({ ...n, healthNote: healthNote(n) })),
    proxies: sync.proxies,
    latestRevision: sync.latestRevision,
    kamailioRevision: sync.kamailioRevision,
    tenants: { active: count("ACTIVE"), suspended: count("SUSPENDED") },
    recent,
  };
}
