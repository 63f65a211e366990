import type { NodeAdminState } from "@/server/db/generated/enums";

/** Kamailio dispatcher `flags` column: 0 = active, 4 = disabled (kept out of rotation, probing leaves it). */
export const DS_FLAG_ACTIVE = 0;
export const DS_FLAG_DISABLED = 4;
/** The set every node belongs to; domains without an explicit assignment use it. */
export const GENERAL_SET_ID = 1;

export type NodeRow = {
  id: string;
  hostname: string;
  sipAddress: string;
  sipPort: number;
  weight: number;
  adminState: NodeAdminState;
};

export type AssignmentRow = {
  domainName: string;
  nodeId: string;
  priority: number;
  weight: number;
  /** The domain's `fallbackToAnyNode`: false keeps its calls on its own nodes (503 when none is left). */
  fallbackToAnyNode: boolean;
};

/** One row of the `kamailio.dispatcher` table. */
export type Destination = {
  setId: number;
  uri: string;
  flags: number;
  priority: number;
  attrs: string;
  /** The node's hostname, also its `duid`. */
  duid: string;
};

export type KamailioState = {
  destinations: Destination[];
  /** Lower-cased SIP domain → dispatcher set id, only for domains with an explicit assignment. */
  domainSets: Map<string, number>;
  /** Domains of `domainSets` that must not fall back to the general set ("only my nodes"). */
  ownNodesOnly: Set<string>;
};

/** Marks an "only my nodes" domain in its `domainset` htable value (kamailio.cfg route DISPATCH reads it). */
const OWN_NODES_ONLY_SUFFIX = ":own";

/**
 * The `domainset` htable value of a domain: "<set>" (may fall back to set 1) or "<set>:own".
 * One value per domain keeps set and fallback rule atomic in one htable, which Kamailio
 * also reloads from the table on restart.
 */
export function domainSetValue(setId: number, ownNodesOnly: boolean): string {
  return ownNodesOnly ? `${setId}${OWN_NODES_ONLY_SUFFIX}` : String(setId);
}

export function parseDomainSetValue(value: string): { setId: number; ownNodesOnly: boolean } {
  const ownNodesOnly = value.endsWith(OWN_NODES_ONLY_SUFFIX);
  return { setId: parseInt(value, 10), ownNodesOnly };
}

/** Every mapped domain's htable value. */
export function domainSetValues(state: Pick<KamailioState, "domainSets" | "ownNodesOnly">): Map<string, string> {
  return new Map([...state.domainSets].map(([d, set]) => [d, domainSetValue(set, state.ownNodesOnly.has(d))]));
}

/** The `duid` (= node hostname) in a destination's attrs, "" if none. */
export function duidOf(attrs: string): string {
  return /(?:^|;)duid=([^;]*)/.exec(attrs)?.[1] ?? "";
}

export function nodeUri(node: Pick<NodeRow, "sipAddress" | "sipPort">): string {
  const host = node.sipAddress.includes(":") ? `[${node.sipAddress}]` : node.sipAddress;
  return `sip:${host}:${node.sipPort}`;
}

type Member = { node: NodeRow; priority: number; weight: number };

/**
 * Kamailio's weighted algorithm (9) expects a set's weights to add up to 100, so raw
 * weights become per-set percentages (at least 1 each; largest remainder keeps the sum).
 */
export function percentWeights(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + Math.max(b, 0), 0);
  if (total === 0) return weights.map(() => Math.max(1, Math.floor(100 / Math.max(weights.length, 1))));
  const exact = weights.map((w) => (Math.max(w, 0) * 100) / total);
  const out = exact.map((x) => Math.max(1, Math.floor(x)));
  let left = 100 - out.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r);
  for (let k = 0; left > 0 && k < byRemainder.length; k++, left--) out[byRemainder[k]!.i]! += 1;
  return out;
}

function destinationsOf(setId: number, members: Member[]): Destination[] {
  const sorted = [...members].sort((a, b) => a.node.hostname.localeCompare(b.node.hostname));
  const weights = percentWeights(sorted.map((m) => m.weight));
  return sorted.map((m, i) => ({
    setId,
    uri: nodeUri(m.node),
    flags: m.node.adminState === "ACTIVE" ? DS_FLAG_ACTIVE : DS_FLAG_DISABLED,
    priority: m.priority,
    attrs: `duid=${m.node.hostname};weight=${weights[i]}`,
    duid: m.node.hostname,
  }));
}

/** Identifies a set's membership independent of node states, so set ids survive drains. */
export function setKey(destinations: Pick<Destination, "uri" | "priority" | "attrs">[]): string {
  return destinations
    .map((d) => `${d.uri}|${d.priority}|${d.attrs}`)
    .sort()
    .join("\n");
}

/**
 * The desired Kamailio state for the given nodes and domain assignments.
 * Set 1 holds every node; each distinct group of nodes that domains are assigned to
 * gets its own set. `previousSets` (set id → setKey of what Kamailio has now) lets an
 * unchanged group keep its set id, so re-assigning a domain needs no dispatcher reload.
 */
export function dispatcherListFor(
  nodes: NodeRow[],
  assignments: AssignmentRow[],
  previousSets: Map<number, string> = new Map(),
): KamailioState {
  const nodesById = new Map(nodes.map((n) => [n.id, n]));
  const general = destinationsOf(
    GENERAL_SET_ID,
    nodes.map((node) => ({ node, priority: 0, weight: node.weight })),
  );

  const membersByDomain = new Map<string, Member[]>();
  const ownNodesOnly = new Set<string>();
  for (const a of assignments) {
    const node = nodesById.get(a.nodeId);
    if (!node) continue;
    const domain = a.domainName.toLowerCase();
    if (!a.fallbackToAnyNode) ownNodesOnly.add(domain);
    const list = membersByDomain.get(domain) ?? [];
    list.push({ node, priority: a.priority, weight: a.weight });
    membersByDomain.set(domain, list);
  }

  const groups = new Map<string, { members: Member[]; domains: string[] }>();
  for (const [domain, members] of membersByDomain) {
    const key = setKey(destinationsOf(0, members));
    const group = groups.get(key) ?? { members, domains: [] };
    group.domains.push(domain);
    groups.set(key, group);
  }

  const idByKey = new Map<string, number>();
  for (const [id, key] of previousSets) if (id !== GENERAL_SET_ID && groups.has(key)) idByKey.set(key, id);
  const used = new Set<number>([GENERAL_SET_ID, ...idByKey.values()]);
  let next = GENERAL_SET_ID + 1;
  // New groups in a stable order, so the same input always yields the same ids.
  for (const key of [...groups.keys()].sort()) {
    if (idByKey.has(key)) continue;
    while (used.has(next)) next++;
    idByKey.set(key, next);
    used.add(next);
  }

  const destinations = [...general];
  const domainSets = new Map<string, number>();
  for (const [key, group] of groups) {
    const setId = idByKey.get(key)!;
    destinations.push(...destinationsOf(setId, group.members));
    for (const d of group.domains) domainSets.set(d, setId);
  }
  destinations.sort((a, b) => a.setId - b.setId || a.uri.localeCompare(b.uri));
  return { destinations, domainSets, ownNodesOnly };
}

/** Refuses states Kamailio would turn into an outage (trap: an empty list wipes every set). */
export function validateKamailioState(state: KamailioState): void {
  if (state.destinations.length === 0) throw new Error("refusing to push an empty dispatcher list");
  const sets = new Set(state.destinations.map((d) => d.setId));
  for (const [domain, setId] of state.domainSets) {
    if (!sets.has(setId)) throw new Error(`domain ${domain} points at missing dispatcher set ${setId}`);
  }
  const seen = new Set<string>();
  for (const d of state.destinations) {
    const k = `${d.setId} ${d.uri}`;
    if (seen.has(k)) throw new Error(`duplicate destination ${k}`);
    seen.add(k);
  }
}
