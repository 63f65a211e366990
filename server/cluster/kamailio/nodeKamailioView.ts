import type { DbTx } from "@/server/db/client";
import type { KamailioDestState } from "@/server/db/generated/enums";

/** A proxy whose last read is older than this no longer counts as a witness (it is down or unreachable). */
export const KAMAILIO_VIEW_STALE_MS = 10_000;

export type ProxyNodeView = {
  proxyId: string;
  proxyName: string;
  /** The node's state on this proxy: the most usable of its sets' states (ACTIVE > TRYING > INACTIVE > DISABLED). */
  state: KamailioDestState;
  /** Since when it has been in `state` on this proxy (the earliest of the sets in that state). */
  since: Date;
  checkedAt: Date;
  /** The last read is older than KAMAILIO_VIEW_STALE_MS. */
  stale: boolean;
  sets: { setId: number; flags: string; state: KamailioDestState; since: Date }[];
};

export type NodeKamailioView = {
  nodeId: string;
  /** Every enabled proxy with a fresh read reports the node inactive (and at least one does). */
  inactiveOnEveryProxy: boolean;
  /** When the last of those proxies saw it go inactive; null unless inactiveOnEveryProxy. */
  inactiveSince: Date | null;
  perProxy: ProxyNodeView[];
};

// Which set state speaks for the node on one proxy: a set that may still route to it wins.
const RANK: Record<KamailioDestState, number> = { ACTIVE: 0, TRYING: 1, INACTIVE: 2, DISABLED: 3 };

function proxyView(rows: Row[], now: number, staleMs: number): ProxyNodeView {
  const state = rows.map((r) => r.state).reduce((a, b) => (RANK[b] < RANK[a] ? b : a));
  const inState = rows.filter((r) => r.state === state);
  const checkedAt = new Date(Math.min(...rows.map((r) => r.checkedAt.getTime())));
  return {
    proxyId: rows[0]!.proxyId,
    proxyName: rows[0]!.proxy.name,
    state,
    since: new Date(Math.min(...inState.map((r) => r.since.getTime()))),
    checkedAt,
    stale: now - checkedAt.getTime() > staleMs,
    sets: rows
      .map((r) => ({ setId: r.setId, flags: r.flags, state: r.state, since: r.since }))
      .sort((a, b) => a.setId - b.setId),
  };
}

type Row = {
  proxyId: string;
  nodeId: string;
  setId: number;
  flags: string;
  state: KamailioDestState;
  since: Date;
  checkedAt: Date;
  proxy: { name: string };
};

/**
 * What the SIP proxies see of each node (from `proxy_destination_state`, read back by the
 * worker), for every node that any enabled proxy reports. Nodes no proxy reports are absent.
 */
export async function nodeKamailioView(
  db: DbTx,
  options: { now?: Date; staleMs?: number; nodeIds?: string[] } = {},
): Promise<NodeKamailioView[]> {
  const now = (options.now ?? new Date()).getTime();
  const staleMs = options.staleMs ?? KAMAILIO_VIEW_STALE_MS;
  const rows = await db.proxyDestinationState.findMany({
    where: { proxy: { enabled: true }, ...(options.nodeIds ? { nodeId: { in: options.nodeIds } } : {}) },
    select: {
      proxyId: true,
      nodeId: true,
      setId: true,
      flags: true,
      state: true,
      since: true,
      checkedAt: true,
      proxy: { select: { name: true } },
    },
    orderBy: [{ nodeId: "asc" }, { proxy: { name: "asc" } }, { setId: "asc" }],
  });

  const byNode = new Map<string, Map<string, Row[]>>();
  for (const r of rows) {
    const proxies = byNode.get(r.nodeId) ?? new Map<string, Row[]>();
    proxies.set(r.proxyId, [...(proxies.get(r.proxyId) ?? []), r]);
    byNode.set(r.nodeId, proxies);
  }

  return [...byNode].map(([nodeId, proxies]) => {
    const perProxy = [...proxies.values()].map((rs) => proxyView(rs, now, staleMs));
    const witnesses = perProxy.filter((p) => !p.stale);
    const inactiveOnEveryProxy = witnesses.length > 0 && witnesses.every((p) => p.state === "INACTIVE");
    return {
      nodeId,
      inactiveOnEveryProxy,
      inactiveSince: inactiveOnEveryProxy ? new Date(Math.max(...witnesses.map((p) => p.since.getTime()))) : null,
      perProxy,
    };
  });
}
