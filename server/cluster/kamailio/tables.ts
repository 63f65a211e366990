import type { DbTx } from "@/server/db/client";
import {
  domainSetValues,
  duidOf,
  parseDomainSetValue,
  setKey,
  type Destination,
  type KamailioState,
} from "./desiredState";

// The kamailio.* tables (see the kamailio_tables migration) are what Kamailio loads on
// start and on reload; the worker is their only writer.

type DispatcherRow = { setid: number; destination: string; flags: number; priority: number; attrs: string };

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
    domainSets: new Map(keys.map((k) => [k.key_name, parseDomainSetValue(k.key_value).setId])),
    ownNodesOnly: new Set(keys.filter((k) => parseDomainSetValue(k.key_value).ownNodesOnly).map((k) => k.key_name)),
  };
}

/** set id → setKey, for `dispatcherListFor` to keep set ids stable. */
export function setsOf(destinations: Destination[]): Map<number, string> {
  const bySet = new Map<number, Destination[]>();
  for (const d of destinations) bySet.set(d.setId, [...(bySet.get(d.setId) ?? []), d]);
  return new Map([...bySet].map(([id, ds]) => [id, setKey(ds)]));
}

/**
 * Turns the stored state (`stored`, read in the same transaction) into `state` (call
 * after validating it). Only the differences are written, so a one-domain change costs
 * a few rows whether 10 or 10,000 domains are mapped.
 */
export async function writeStoredState(
  tx: DbTx,
  stored: KamailioState,
  state: KamailioState,
  revision: bigint,
): Promise<void> {
  const key = (d: Destination) => `${d.setId} ${d.uri}`;
  const wanted = new Map(state.destinations.map((d) => [key(d), d]));
  const gone = stored.destinations.filter((d) => !wanted.has(key(d)));
  const storedByKey = new Map(stored.destinations.map((d) => [key(d), d]));
  const upsert = state.destinations.filter((d) => {
    const s = storedByKey.get(key(d));
    return !s || s.flags !== d.flags || s.priority !== d.priority || s.attrs !== d.attrs;
  });
  if (gone.length > 0) {
    await tx.$executeRaw`
      DELETE FROM kamailio.dispatcher k
      USING unnest(${gone.map((x) => x.setId)}::int[], ${gone.map((x) => x.uri)}::text[]) AS g(setid, destination)
      WHERE g.setid = k.setid AND g.destination = k.destination`;
  }
  if (upsert.length > 0) {
    const d = upsert;
    await tx.$executeRaw`
      INSERT INTO kamailio.dispatcher (setid, destination, flags, priority, attrs, description)
      SELECT * FROM unnest(${d.map((x) => x.setId)}::int[], ${d.map((x) => x.uri)}::text[],
        ${d.map((x) => x.flags)}::int[], ${d.map((x) => x.priority)}::int[], ${d.map((x) => x.attrs)}::text[],
        ${d.map((x) => x.duid.slice(0, 64))}::text[])
      ON CONFLICT (setid, destination) DO UPDATE SET
        flags = EXCLUDED.flags, priority = EXCLUDED.priority, attrs = EXCLUDED.attrs, description = EXCLUDED.description`;
  }

  const storedValues = domainSetValues(stored);
  const removed = [...storedValues.keys()].filter((k) => !state.domainSets.has(k));
  const changed = [...domainSetValues(state)].filter(([k, v]) => storedValues.get(k) !== v);
  if (removed.length > 0) {
    await tx.$executeRaw`DELETE FROM kamailio.domainset WHERE key_name = ANY(${removed}::text[])`;
  }
  if (changed.length > 0) {
    await tx.$executeRaw`
      INSERT INTO kamailio.domainset (key_name, key_type, value_type, key_value, expires)
      SELECT n, 0, 0, v, 0 FROM unnest(${changed.map(([k]) => k)}::text[], ${changed.map(([, v]) => v)}::text[]) AS u(n, v)
      ON CONFLICT (key_name) DO UPDATE SET key_value = EXCLUDED.key_value`;
  }
  await tx.$executeRaw`
    UPDATE kamailio.sync_state SET revision = GREATEST(revision, ${revision}), updated_at = now() WHERE id = 1`;
}
