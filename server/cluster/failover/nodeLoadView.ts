import type { PlatformContext } from "@/server/tenancy/context";
import { utilisation } from "./capacity";
import { nodeLoads } from "./loads";

/** Per node: what it carries vs its capacity, whether it is a spare, and the engine's verdict. */
export async function nodeLoadView(ctx: PlatformContext) {
  const [nodes, loads] = await Promise.all([
    ctx.db.telephonyNode.findMany({
      select: {
        id: true,
        hostname: true,
        capacity: true,
        spare: true,
        adminState: true,
        failoverStatus: { select: { down: true, reason: true, since: true } },
      },
      orderBy: { hostname: "asc" },
    }),
    nodeLoads(ctx.db),
  ]);
  return nodes.map((n) => {
    const load = loads.get(n.id) ?? { extensions: 0, registrations: 0, calls: 0 };
    return {
      ...n,
      load: { ...load, extensions: Math.round(load.extensions) },
      utilisation: utilisation(n.capacity, load),
    };
  });
}
