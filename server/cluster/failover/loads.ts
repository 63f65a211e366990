import type { DbTx } from "@/server/db/client";
import { NO_LOAD, type Load } from "./capacity";

/**
 * What each node carries now: its share of the extensions of the domains assigned to it
 * (by weight; general-pool domains spread over every active node), the phones registered on
 * it and its live calls.
 */
export async function nodeLoads(db: DbTx): Promise<Map<string, Load>> {
  const [extensions, registrations, nodes] = await Promise.all([
    db.$queryRaw<{ nodeId: string | null; n: number }[]>`
      WITH ext AS (SELECT "domainId", count(*)::float8 AS n FROM "Extension" GROUP BY 1),
      assigned AS (
        SELECT "domainId", "nodeId", weight::float8 / sum(weight) OVER (PARTITION BY "domainId") AS part
        FROM "DomainAssignment")
      SELECT a."nodeId", sum(e.n * a.part)::float8 AS n FROM assigned a JOIN ext e USING ("domainId") GROUP BY 1
      UNION ALL
      SELECT NULL, coalesce(sum(e.n), 0)::float8 FROM ext e
      WHERE NOT EXISTS (SELECT 1 FROM "DomainAssignment" a WHERE a."domainId" = e."domainId")`,
    db.registration.groupBy({ by: ["nodeId"], _count: { _all: true } }),
    db.telephonyNode.findMany({ select: { id: true, adminState: true, activeCalls: true } }),
  ]);
  const active = nodes.filter((n) => n.adminState === "ACTIVE");
  const pool = extensions.find((e) => e.nodeId === null)?.n ?? 0;
  const loads = new Map<string, Load>();
  for (const n of nodes) {
    loads.set(n.id, {
      ...NO_LOAD,
      calls: n.activeCalls,
      extensions: n.adminState === "ACTIVE" && active.length > 0 ? pool / active.length : 0,
    });
  }
  for (const e of extensions) {
    const load = e.nodeId ? loads.get(e.nodeId) : undefined;
    if (load) load.extensions += e.n;
  }
  for (const r of registrations) {
    const load = loads.get(r.nodeId);
    if (load) load.registrations = r._count._all;
  }
  return loads;
}

/**
 * What a domain brings to the nodes it moves to: its extensions, its registered phones and
 * its call limit (not today's calls: those died with the node).
 */
export async function domainDemands(db: DbTx, domainIds: string[]): Promise<Map<string, Load>> {
  const [domains, extensions, registrations] = await Promise.all([
    db.domain.findMany({ where: { id: { in: domainIds } }, select: { id: true, maxConcurrentCalls: true } }),
    db.extension.groupBy({ by: ["domainId"], where: { domainId: { in: domainIds } }, _count: { _all: true } }),
    db.registration.groupBy({ by: ["domainId"], where: { domainId: { in: domainIds } }, _count: { _all: true } }),
  ]);
  const ext = new Map(extensions.map((e) => [e.domainId, e._count._all]));
  const reg = new Map(registrations.map((r) => [r.domainId, r._count._all]));
  return new Map(
    domains.map((d) => [
      d.id,
      { extensions: ext.get(d.id) ?? 0, registrations: reg.get(d.id) ?? 0, calls: d.maxConcurrentCalls },
    ]),
  );
}
