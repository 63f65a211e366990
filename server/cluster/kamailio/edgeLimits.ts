import type { DbTx } from "@/server/db/client";
import { KamailioRpcError, type KamailioRpc } from "./rpcClient";
import { HtableDumpReply, OkReply } from "./rpcReplies";

// Per-tenant limits Kamailio enforces itself (kamailio.cfg route TENANT_LIMITS), so the
// platform is protected at the edge even before a call reaches FreeSWITCH: the htable
// "tenantlimits" maps "<domain>::cps" and "<domain>::calls" to an integer. Kept in
// kamailio.tenantlimits (loaded on start) and set over RPC for the immediate effect.

export const LIMITS_HTABLE = "tenantlimits";

export type EdgeLimitRow = { domainName: string; callsPerSecond: number; concurrentCalls: number };

/** htable key → limit; only limits that are set (0 = no limit has no key). */
export function edgeLimitEntries(rows: EdgeLimitRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    const domain = r.domainName.toLowerCase();
    if (r.callsPerSecond > 0) out.set(`${domain}::cps`, r.callsPerSecond);
    if (r.concurrentCalls > 0) out.set(`${domain}::calls`, r.concurrentCalls);
  }
  return out;
}

/** The desired entries, from the tenants' limits (suspended tenants' calls never get this far anyway). */
export async function desiredEdgeLimits(tx: DbTx): Promise<Map<string, number>> {
  const rows = await tx.$queryRaw<EdgeLimitRow[]>`
    SELECT d.name AS "domainName", l.edge_calls_per_second AS "callsPerSecond",
           l.edge_concurrent_calls AS "concurrentCalls"
    FROM tenant_call_limits l JOIN "Domain" d ON d.id = l.domain_id
    WHERE l.edge_calls_per_second > 0 OR l.edge_concurrent_calls > 0`;
  return edgeLimitEntries(rows);
}

export async function storedEdgeLimits(tx: DbTx): Promise<Map<string, number>> {
  const rows = await tx.$queryRaw<{ key_name: string; key_value: string }[]>`
    SELECT key_name, key_value FROM kamailio.tenantlimits`;
  return new Map(rows.map((r) => [r.key_name, parseInt(r.key_value, 10)]));
}

/** Writes only the differences into kamailio.tenantlimits (value_type 1 = integer). */
export async function writeEdgeLimits(tx: DbTx, wanted: Map<string, number>): Promise<void> {
  const stored = await storedEdgeLimits(tx);
  const removed = [...stored.keys()].filter((k) => !wanted.has(k));
  const changed = [...wanted].filter(([k, v]) => stored.get(k) !== v);
  if (removed.length > 0)
    await tx.$executeRaw`DELETE FROM kamailio.tenantlimits WHERE key_name = ANY(${removed}::text[])`;
  if (changed.length > 0) {
    await tx.$executeRaw`
      INSERT INTO kamailio.tenantlimits (key_name, key_type, value_type, key_value, expires)
      SELECT n, 0, 1, v, 0 FROM unnest(${changed.map(([k]) => k)}::text[], ${changed.map(([, v]) => String(v))}::text[]) AS u(n, v)
      ON CONFLICT (key_name) DO UPDATE SET key_value = EXCLUDED.key_value, value_type = 1`;
  }
}

async function liveEdgeLimits(rpc: KamailioRpc): Promise<Map<string, number>> {
  try {
    const reply = await rpc.call("htable.dump", [LIMITS_HTABLE], HtableDumpReply);
    return new Map(reply.flatMap((e) => e.slot.map((s) => [s.name, Number(s.value)] as const)));
  } catch (e) {
    // An empty table dumps as an error on some versions: nothing is set.
    if (e instanceof KamailioRpcError && /no such|empty|not found/i.test(e.message)) return new Map();
    throw e;
  }
}

/**
 * Brings one Kamailio's "tenantlimits" htable to `wanted` over RPC and reads it back.
 * Returns what still differs (empty = applied).
 */
export async function pushEdgeLimits(rpc: KamailioRpc, wanted: Map<string, number>): Promise<string[]> {
  const live = await liveEdgeLimits(rpc);
  for (const [k, v] of wanted) if (live.get(k) !== v) await rpc.call("htable.seti", [LIMITS_HTABLE, k, v], OkReply);
  for (const k of live.keys()) if (!wanted.has(k)) await rpc.call("htable.delete", [LIMITS_HTABLE, k], OkReply);
  const after = await liveEdgeLimits(rpc);
  const problems = [...wanted].filter(([k, v]) => after.get(k) !== v).map(([k]) => `edge limit ${k}`);
  for (const k of after.keys()) if (!wanted.has(k)) problems.push(`edge limit ${k} left over`);
  return problems;
}
