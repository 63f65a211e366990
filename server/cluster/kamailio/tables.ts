import type { DbTx } from "@/server/db/client";
import { setKey, type Destination, type KamailioState } from "./desiredState";

// The kamailio.* tables (see the kamailio_tables migration) are what Kamailio loads on
// start and on reload; the worker is their only writer.

type DispatcherRow = { setid: number; destination: string; flags: number; priority: number; attrs: string };

function duidOf(attrs: string): string {
  return /(?:^|;)duid=([^;]*)/.exec(attrs)?.[1] ?? "";
}

export type StoredKamailioState = KamailioState & { revision: bigint };

/** Reads what Kamailio should have, and the cluster revision it was computed from. */
export async function readStoredState(tx: DbTx): Promise<StoredKamailioState> {
  // Revision first: with READ COMMITTED the rows read next are at least that new.
  const [sync] = await tx.$queryRaw<{ revision: bigint }[]>`SELECT revision FROM kamailio.sync_state WHERE id = 1`;
  const rows = await tx.$queryRaw<DispatcherRow[]>`
    SELECT setid, destination, flags, priority, attrs FROM kamailio.dispatcher ORDER BY setid, destination`;
  const keys = await tx.$queryRaw<{ key_name: string; key_value: string }[]>`
    SELECT key_name, key_value FROM kamailio.domainset`;
  return {
    revision: sync?.revision ?? 0n,
    destinations: rows.map((r) => ({
      setId: r.setid,
      uri: r.destination,
      flags: r.flags,
      priority: r.priority,
      attrs: r.attrs,
      duid: duidOf(r.attrs),
    })),
    domainSets: new Map(keys.map((k) => [k.key_name, Number(k.key_value)])),
  };
}

/** set id → setKey, for `dispatcherListFor` to keep set ids stable. */
export function setsOf(destinations: Destination[]): Map<number, string> {
  const bySet = new Map<number, Destination[]>();
  for (const d of destinations) bySet.set(d.setId, [...(bySet.get(d.setId) ?? []), d]);
  return new Map([...bySet].map(([id, ds]) => [id, setKey(ds)]));
}

/**
 * Replaces the stored state by `state` (call in a transaction, after validating it).
 * Writes only the differences so 10,000 unchanged domains cost one statement each way.
 */
export async function writeStoredState(tx: DbTx, state: KamailioState, revision: bigint): Promise<void> {
  const d = state.destinations;
  await tx.$executeRaw`
    DELETE FROM kamailio.dispatcher k
    WHERE NOT EXISTS (
      SELECT 1 FROM unnest(${d.map((x) => x.setId)}::int[], ${d.map((x) => x.uri)}::text[]) AS n(setid, destination)
      WHERE n.setid = k.setid AND n.destination = k.destination)`;
  await tx.$executeRaw`
    INSERT INTO kamailio.dispatcher (setid, destination, flags, priority, attrs, description)
    SELECT * FROM unnest(${d.map((x) => x.setId)}::int[], ${d.map((x) => x.uri)}::text[],
      ${d.map((x) => x.flags)}::int[], ${d.map((x) => x.priority)}::int[], ${d.map((x) => x.attrs)}::text[],
      ${d.map((x) => x.duid.slice(0, 64))}::text[])
    ON CONFLICT (setid, destination) DO UPDATE SET
      flags = EXCLUDED.flags, priority = EXCLUDED.priority, attrs = EXCLUDED.attrs, description = EXCLUDED.description
    WHERE (kamailio.dispatcher.flags, kamailio.dispatcher.priority, kamailio.dispatcher.attrs)
      IS DISTINCT FROM (EXCLUDED.flags, EXCLUDED.priority, EXCLUDED.attrs)`;

  const names = [...state.domainSets.keys()];
  const values = names.map((n) => String(state.domainSets.get(n)));
  await tx.$executeRaw`
    DELETE FROM kamailio.domainset k WHERE k.key_name <> ALL(${names}::text[])`;
  await tx.$executeRaw`
    INSERT INTO kamailio.domainset (key_name, key_type, value_type, key_value, expires)
    SELECT n, 0, 0, v, 0 FROM unnest(${names}::text[], ${values}::text[]) AS u(n, v)
    ON CONFLICT (key_name) DO UPDATE SET key_value = EXCLUDED.key_value
    WHERE kamailio.domainset.key_value IS DISTINCT FROM EXCLUDED.key_value`;
  await tx.$executeRaw`
    UPDATE kamailio.sync_state SET revision = GREATEST(revision, ${revision}), updated_at = now() WHERE id = 1`;
}
