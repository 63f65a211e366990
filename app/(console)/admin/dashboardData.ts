import { recentAudit } from "@/server/audit/queries";
import type { Db } from "@/server/db/client";

/** One read of everything the platform dashboard shows. */
export async function loadDashboard(db: Db) {
  const [nodes, proxies, latest, tenants, recent] = await Promise.all([
    db.telephonyNode.findMany({
      select: { id: true, hostname: true, adminState: true, health: true, activeCalls: true, capacity: true, lastSeenAt: true, appliedRevision: true },
      orderBy: { hostname: "asc" },
    }),
    db.sipProxy.findMany({
      select: { id: true, name: true, enabled: true, appliedRevision: true, lastSyncAt: true, lastError: true },
      orderBy: { name: "asc" },
    }),
    db.clusterRevision.aggregate({ _max: { id: true } }),
    db.domain.groupBy({ by: ["status"], _count: { _all: true } }),
    recentAudit(db, 10),
  ]);
  const count = (status: string) => tenants.find((t) => t.status === status)?._count._all ?? 0;
  return {
    nodes,
    proxies,
    desiredRevision: latest._max.id ?? 0n,
    tenants: { active: count("ACTIVE"), suspended: count("SUSPENDED") },
    recent,
  };
}
