import "server-only";
import type { PlatformContext } from "@/server/tenancy/context";
import { CLUSTER_TOPICS } from "./events";

/**
 * Desired revision vs what each proxy and node has applied. A proxy is in sync when it
 * has applied the newest revision that changed Kamailio state; a node, the newest that
 * carried a FreeSWITCH-side effect.
 */
export async function syncStatus(ctx: PlatformContext) {
  const [latest] = await ctx.db.$queryRaw<{ kamailio: bigint | null; freeswitch: bigint | null; any: bigint | null }[]>`
    SELECT
      (SELECT max("revisionId") FROM "OutboxEvent" WHERE topic = 'kamailio.sync') AS kamailio,
      (SELECT max("revisionId") FROM "OutboxEvent" WHERE topic LIKE 'freeswitch.%') AS freeswitch,
      (SELECT max(id) FROM "ClusterRevision") AS any`;
  const kamailioRevision = latest?.kamailio ?? 0n;
  const freeswitchRevision = latest?.freeswitch ?? 0n;
  const [proxies, nodes, pendingOutbox] = await Promise.all([
    ctx.db.sipProxy.findMany({
      select: { id: true, name: true, enabled: true, appliedRevision: true, lastSyncAt: true, lastError: true },
      orderBy: { name: "asc" },
    }),
    ctx.db.telephonyNode.findMany({
      select: {
        id: true,
        hostname: true,
        adminState: true,
        health: true,
        activeCalls: true,
        capacity: true,
        appliedRevision: true,
        lastSyncAt: true,
        lastSyncError: true,
        // What the health note reads (the dashboard shows it beside the sync state).
        lastHeartbeatAt: true,
        eslConnectedAt: true,
        eslDisconnectedAt: true,
        eslLastError: true,
      },
      orderBy: { hostname: "asc" },
    }),
    // Pushes only: rows for other consumers (failover.*, email.*) are not "waiting to be pushed".
    ctx.db.outboxEvent.count({ where: { dispatchedAt: null, topic: { in: [...CLUSTER_TOPICS] } } }),
  ]);
  return {
    latestRevision: latest?.any ?? 0n,
    kamailioRevision,
    freeswitchRevision,
    pendingOutbox,
    proxies: proxies.map((p) => ({
      ...p,
      inSync: !p.enabled || (p.appliedRevision >= kamailioRevision && !p.lastError),
      // Tried and never once applied: a placeholder address or a Kamailio not set up yet, not a proxy that went down.
      neverConnected: p.enabled && p.appliedRevision === 0n && p.lastError !== null,
    })),
    nodes: nodes.map((n) => ({ ...n, inSync: n.appliedRevision >= freeswitchRevision && !n.lastSyncError })),
  };
}
