import type { DbTx } from "@/server/db/client";
import { nodeKamailioView } from "@/server/cluster/kamailio/nodeKamailioView";
import { heartbeatSignal, type NodeSignals } from "./detection";

export type NodeFacts = {
  id: string;
  hostname: string;
  adminState: string;
  spare: boolean;
  capacity: number;
  activeCalls: number;
  signals: NodeSignals;
  /** When every proxy started to see it inactive (null unless it does). */
  inactiveSince: Date | null;
};

/** Every node with both signals: its own heartbeat (LIVE) and what the proxies see (DETECT). */
export async function readNodeFacts(db: DbTx, now: Date, heartbeatTimeoutMs: number): Promise<NodeFacts[]> {
  const [nodes, views] = await Promise.all([
    db.telephonyNode.findMany({
      select: {
        id: true,
        hostname: true,
        adminState: true,
        spare: true,
        capacity: true,
        activeCalls: true,
        health: true,
        lastHeartbeatAt: true,
      },
      orderBy: { hostname: "asc" },
    }),
    nodeKamailioView(db, { now }),
  ]);
  const viewOf = new Map(views.map((v) => [v.nodeId, v]));
  return nodes.map(({ health, lastHeartbeatAt, ...n }) => {
    const view = viewOf.get(n.id);
    const witnesses = view?.perProxy.filter((p) => !p.stale) ?? [];
    return {
      ...n,
      signals: {
        heartbeat: heartbeatSignal({ health, lastHeartbeatAt }, now, heartbeatTimeoutMs),
        kamailio: view?.inactiveOnEveryProxy ? "inactive" : witnesses.length > 0 ? "active" : "none",
      },
      inactiveSince: view?.inactiveSince ?? null,
    };
  });
}
