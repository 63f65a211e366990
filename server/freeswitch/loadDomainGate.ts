import type { DbTx } from "@/server/db/client";
import { queryRows } from "@/server/db/plainPool";
import type { NodeAdminState } from "@/server/db/generated/enums";
import { domainHoldMusic } from "@/server/musicOnHold/holdMusic";

/** What decides whether a node may be answered for a domain at all. */
export type DomainGate = {
  id: string;
  name: string;
  active: boolean;
  maxConcurrentCalls: number;
  /** IANA zone of the domain's business hours. */
  timeZone: string;
  /** Nodes assigned to the domain; empty = every node serves it. */
  assignedNodeIds: string[];
  /** What the domain's calls export as `hold_music`; null = the node's own default. */
  holdMusic: string | null;
};

const byName = {
  name: "xmlcurl_domain_gate",
  text: `
    SELECT d.id, d.name, d.status::text AS status, d."maxConcurrentCalls", d."timeZone",
           COALESCE(array_agg(a."nodeId") FILTER (WHERE a."nodeId" IS NOT NULL), '{}') AS "assignedNodeIds",
           d."holdMusic",
           CASE WHEN d."holdMusic" = 'uploaded' THEN
             (SELECT array_agg(f.id ORDER BY f."createdAt", f.id) FROM "MohFile" f WHERE f."domainId" = d.id)
           END AS "mohFileIds"
    FROM "Domain" d LEFT JOIN "DomainAssignment" a ON a."domainId" = d.id
    WHERE d.name = $1
    GROUP BY d.id`,
};

/** Asked for nearly every request that misses the cache: one indexed, prepared statement (plain pg). */
export async function loadDomainGate(db: DbTx, name: string): Promise<DomainGate | null> {
  const rows = await queryRows<{
    id: string;
    name: string;
    status: string;
    maxConcurrentCalls: number;
    timeZone: string;
    assignedNodeIds: string[];
    holdMusic: string | null;
    mohFileIds: string[] | null;
  }>(db, byName, [name]);
  const d = rows[0];
  if (!d) return null;
  return {
    id: d.id,
    name: d.name,
    active: d.status === "ACTIVE",
    maxConcurrentCalls: d.maxConcurrentCalls,
    timeZone: d.timeZone,
    assignedNodeIds: d.assignedNodeIds,
    holdMusic: domainHoldMusic(d, d.mohFileIds ?? []),
  };
}

/**
 * A domain without assignments is served by every node still carrying calls
 * (ACTIVE, and DRAINING so in-progress calls can re-authenticate); MAINTENANCE serves none.
 */
export function nodeServesDomain(node: { id: string; adminState: NodeAdminState }, gate: DomainGate): boolean {
  if (gate.assignedNodeIds.length > 0) return gate.assignedNodeIds.includes(node.id);
  return node.adminState !== "MAINTENANCE";
}
