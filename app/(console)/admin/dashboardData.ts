import { recentAudit } from "@/server/audit/queries";
import { syncStatus } from "@/server/cluster/syncStatus";
import { healthNote } from "@/server/liveState/healthNote";
import type { PlatformContext } from "@/server/tenancy/context";

/**
 * One read of everything the platform dashboard shows. Sync state comes from the
 * cluster's own syncStatus, so the dashboard and the nodes/proxies pages never disagree.
 */
export async function loadDashboard(ctx: PlatformContext) {
  const [nodes, sync, tenants, recent] = await Promise.all([
    ctx.db.telephonyNode.findMany({
      select: {
        id: true,
        hostname: true,
        adminState: true,
        health: true,
        activeCalls: true,
        capacity: true,
        lastHeartbeatAt: true,
        eslConnectedAt: true,
        eslDisconnectedAt: true,
        eslLastError: true,
      },
      orderBy: { hostname: "asc" },
    }),
    syncStatus(ctx),
    ctx.db.domain.groupBy({ by: ["status"], _count: { _all: true } }),
    recentAudit(ctx.db, 10),
  ]);
  const count = (status: string) => tenants.find((t) => t.status === status)?._count._all ?? 0;
  const nodeInSync = new Map(sync.nodes.map((n) => [n.id, n.inSync]));
  return {
    // Red "down" alone does not say whether the node ever answered.
    nodes: nodes.map((n) => ({ ...n, inSync: nodeInSync.get(n.id) ?? false, healthNote: healthNote(n) })),
    proxies: sync.proxies,
    latestRevision: sync.latestRevision,
    kamailioRevision: sync.kamailioRevision,
    tenants: { active: count("ACTIVE"), suspended: count("SUSPENDED") },
    recent,
  };
}
