import type { DbTx } from "@/server/db/client";
import { moveDomainsIn } from "@/server/cluster/domainAssignments";
import type { Actor, PlatformContext } from "@/server/tenancy/context";
import type { Load } from "./capacity";
import { nodeLoads } from "./loads";
import { suggestGroup, type Candidate, type NodeGroup } from "./placement";
import type { PlacementInput } from "./schemas";

/**
 * The least utilised node group with room for `demand`: the groups domains already use (a
 * dispatcher set Kamailio has) and each single node, among active, non-spare nodes the
 * failover engine does not see down. null when none has room.
 */
export async function suggestPlacement(db: DbTx, demand: Load) {
  const [nodes, loads, assignments] = await Promise.all([
    db.telephonyNode.findMany({
      where: { adminState: "ACTIVE", spare: false, NOT: { failoverStatus: { down: true } } },
      select: { id: true, hostname: true, capacity: true, spare: true },
      orderBy: { hostname: "asc" },
    }),
    nodeLoads(db),
    db.domainAssignment.findMany({ select: { domainId: true, nodeId: true } }),
  ]);
  const byId = new Map<string, Candidate>(
    nodes.map((n) => [
      n.id,
      { nodeId: n.id, hostname: n.hostname, capacity: n.capacity, spare: n.spare, load: loads.get(n.id)! },
    ]),
  );
  const setsByDomain = new Map<string, string[]>();
  for (const a of assignments) setsByDomain.set(a.domainId, [...(setsByDomain.get(a.domainId) ?? []), a.nodeId]);
  const keys = new Set([...setsByDomain.values()].map((ids) => [...ids].sort().join(",")));
  const groups: NodeGroup[] = [];
  for (const key of [...keys].sort()) {
    const members = key.split(",").map((id) => byId.get(id));
    if (members.every((m) => m !== undefined)) groups.push({ nodes: members as Candidate[] });
  }
  for (const c of byId.values()) groups.push({ nodes: [c] });
  const best = suggestGroup(groups, demand);
  return best
    ? {
        nodes: best.nodes.map((n) => ({ nodeId: n.nodeId, hostname: n.hostname })),
        utilisationAfter: best.utilisationAfter,
      }
    : null;
}

export async function placementSuggestion(ctx: PlatformContext, input: PlacementInput) {
  return suggestPlacement(ctx.db, { extensions: input.extensions, registrations: 0, calls: input.calls });
}

/**
 * Placement of a tenant being created (inside its transaction): explicit nodes as given, an
 * empty list = the general pool, none = the suggestion (the general pool when nothing has room).
 */
export async function placeNewDomain(
  tx: DbTx,
  actor: Actor,
  domain: { id: string; name: string; maxExtensions: number; maxConcurrentCalls: number },
  nodeIds: string[] | undefined,
): Promise<void> {
  if (nodeIds?.length === 0) return;
  const chosen =
    nodeIds ??
    (
      await suggestPlacement(tx, {
        extensions: domain.maxExtensions,
        registrations: 0,
        calls: domain.maxConcurrentCalls,
      })
    )?.nodes.map((n) => n.nodeId);
  if (!chosen) return;
  await moveDomainsIn(
    tx,
    actor,
    [
      {
        domainId: domain.id,
        domainName: domain.name,
        nodes: chosen.map((nodeId) => ({ nodeId, priority: 0, weight: 100 })),
      },
    ],
    "domain.assign-nodes",
    `domain ${domain.name} placed on ${chosen.length} node(s)`,
  );
}
