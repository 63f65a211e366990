import type { Db } from "@/server/db/client";
import type { KamailioDestState } from "@/server/db/generated/enums";
import { duidOf } from "./desiredState";
import { listDestinations, rpcForProxy } from "./proxyRpc";
import type { LiveDestination } from "./rpcReplies";

const STATE_BY_LETTER: Record<string, KamailioDestState> = {
  A: "ACTIVE",
  I: "INACTIVE",
  T: "TRYING",
  D: "DISABLED",
};

/** Kamailio's flags → our state; undefined for a letter Kamailio 5.6 does not use. */
export function destStateOf(flags: string): KamailioDestState | undefined {
  return STATE_BY_LETTER[flags.charAt(0).toUpperCase()];
}

export type ViewRow = { nodeId: string; setId: number; flags: string; state: KamailioDestState };

/** Maps each target back to its node by duid (= hostname); targets of unknown nodes are left out. */
export function viewRowsOf(live: LiveDestination[], nodeIdByHostname: Map<string, string>): ViewRow[] {
  const rows = new Map<string, ViewRow>();
  for (const d of live) {
    const nodeId = nodeIdByHostname.get(duidOf(d.attrs));
    const state = destStateOf(d.flags);
    if (!nodeId || !state) continue;
    rows.set(`${nodeId} ${d.setId}`, { nodeId, setId: d.setId, flags: d.flags, state });
  }
  return [...rows.values()];
}

/**
 * Reads one proxy's `dispatcher.list` and stores what it sees of every node in
 * `proxy_destination_state`: `since` moves only when the state changes, rows of
 * destinations Kamailio no longer has are removed. Returns how many rows changed state
 * (new rows included). An unreachable proxy throws and its rows keep their old `checkedAt`.
 */
export async function readKamailioView(db: Db, proxyId: string, rpcTimeoutMs = 1000): Promise<number> {
  const proxy = await db.sipProxy.findUnique({
    where: { id: proxyId },
    select: { enabled: true, rpcUrl: true, rpcUsername: true, rpcPasswordEnc: true },
  });
  if (!proxy?.enabled) return 0;
  const live = await listDestinations(rpcForProxy(proxy, rpcTimeoutMs));
  const nodes = await db.telephonyNode.findMany({ select: { id: true, hostname: true } });
  const rows = viewRowsOf(live, new Map(nodes.map((n) => [n.hostname, n.id])));

  return db.$transaction(async (tx) => {
    // Times in UTC like Prisma's own (the columns are timestamp without time zone).
    const changed = await tx.$queryRaw<{ n: bigint }[]>`
      WITH seen AS (
        SELECT * FROM unnest(${rows.map((r) => r.nodeId)}::text[], ${rows.map((r) => r.setId)}::int[],
          ${rows.map((r) => r.flags)}::text[], ${rows.map((r) => r.state)}::text[]) AS s(node_id, set_id, flags, state)
      ), up AS (
        INSERT INTO proxy_destination_state AS p (id, proxy_id, node_id, set_id, flags, state, since, checked_at)
        SELECT gen_random_uuid()::text, ${proxyId}, node_id, set_id, flags, state::"KamailioDestState",
          now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
        FROM seen
        ON CONFLICT (proxy_id, node_id, set_id) DO UPDATE SET
          flags = EXCLUDED.flags,
          state = EXCLUDED.state,
          since = CASE WHEN p.state = EXCLUDED.state THEN p.since ELSE EXCLUDED.since END,
          checked_at = EXCLUDED.checked_at
        RETURNING since = checked_at AS moved
      )
      SELECT count(*) FILTER (WHERE moved) AS n FROM up`;
    await tx.$executeRaw`
      DELETE FROM proxy_destination_state p
      WHERE p.proxy_id = ${proxyId}
        AND NOT EXISTS (
          SELECT 1 FROM unnest(${rows.map((r) => r.nodeId)}::text[], ${rows.map((r) => r.setId)}::int[]) AS s(node_id, set_id)
          WHERE s.node_id = p.node_id AND s.set_id = p.set_id)`;
    return Number(changed[0]?.n ?? 0);
  });
}
