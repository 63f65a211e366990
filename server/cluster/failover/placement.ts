import { addLoad, fits, NO_LOAD, utilisation, type Load } from "./capacity";

/** A node that may take tenants, with what it carries now. */
export type Candidate = { nodeId: string; hostname: string; capacity: number; spare: boolean; load: Load };

const share = (demand: Load, parts: number): Load => ({
  extensions: demand.extensions / parts,
  registrations: demand.registrations / parts,
  calls: demand.calls / parts,
});

/**
 * Failover targets for one domain: nodes that still fit the domain's share first, then
 * spare nodes (N+1) before active ones, then the least utilised (hostname breaks ties, so
 * the same input always gives the same answer). If nothing fits, the least utilised anyway:
 * an over-full node serves calls, a dead one does not.
 */
export function pickFailoverNodes(candidates: Candidate[], demand: Load, count: number): Candidate[] {
  const part = share(demand, Math.max(1, Math.min(count, candidates.length)));
  const ranked = candidates
    .map((c) => ({ c, fit: fits(c.capacity, c.load, part), u: utilisation(c.capacity, c.load) }))
    .sort(
      (a, b) =>
        Number(b.fit) - Number(a.fit) ||
        Number(b.c.spare) - Number(a.c.spare) ||
        a.u - b.u ||
        a.c.hostname.localeCompare(b.c.hostname),
    );
  return ranked.slice(0, count).map((r) => r.c);
}

export type DomainToMove = { domainId: string; nodeCount: number; demand: Load };

/**
 * Targets for many domains at once (a node carrying 500 tenants died): the biggest first,
 * each pick adding its share to the chosen nodes, so the next domain sees the new load.
 */
export function planFailover(domains: DomainToMove[], candidates: Candidate[]): Map<string, Candidate[]> {
  const pool = candidates.map((c) => ({ ...c, load: { ...c.load } }));
  const plan = new Map<string, Candidate[]>();
  if (pool.length === 0) return plan;
  const biggestFirst = [...domains].sort(
    (a, b) => utilisation(1, b.demand) - utilisation(1, a.demand) || a.domainId.localeCompare(b.domainId),
  );
  for (const d of biggestFirst) {
    const picked = pickFailoverNodes(pool, d.demand, Math.max(1, d.nodeCount));
    const part = share(d.demand, picked.length);
    for (const p of picked) p.load = addLoad(p.load, part);
    plan.set(d.domainId, picked);
  }
  return plan;
}

/** A group of nodes a new tenant could be placed on (an existing dispatcher set, or one node). */
export type NodeGroup = { nodes: Candidate[] };

export type GroupSuggestion = { nodes: Candidate[]; utilisationAfter: number };

/**
 * Placement for a new tenant: the least utilised group that still fits `demand` after
 * adding it. Existing groups come first on a tie, since reusing a dispatcher set costs
 * Kamailio no reload. Spare nodes are never offered (they wait for a failover). null when
 * no group has room.
 */
export function suggestGroup(groups: NodeGroup[], demand: Load): GroupSuggestion | null {
  let best: GroupSuggestion | null = null;
  for (const g of groups) {
    if (g.nodes.length === 0 || g.nodes.some((n) => n.spare)) continue;
    const capacity = g.nodes.reduce((s, n) => s + n.capacity, 0);
    const load = g.nodes.reduce((s, n) => addLoad(s, n.load), NO_LOAD);
    const after = utilisation(capacity, addLoad(load, demand));
    if (after > 1) continue;
    if (!best || after < best.utilisationAfter) best = { nodes: g.nodes, utilisationAfter: after };
  }
  return best;
}
