import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFailoverTick } from "@/server/cluster/failover/engine";
import { setDomainNodes } from "@/server/cluster/domainAssignments";
import { syncKamailioTables } from "@/server/cluster/kamailio/syncTables";
import { createNode } from "@/server/cluster/nodes";
import { createSipProxy } from "@/server/cluster/sipProxies";
import { createDomain } from "@/server/domains/service";
import type { PlatformContext } from "@/server/tenancy/context";
import { createTestDatabase, type TestDatabase } from "../../support/database";

// pg warns (once per process) when a query is sent on a client still busy with another: inside a Prisma
// transaction that is a Promise.all on the transaction client, which pg 9 will refuse. The worker's
// transactions (placement, failover move, Kamailio table sync) must send their queries one at a time.
const warnings: string[] = [];
const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
process.on("warning", onWarning);

let t: TestDatabase;
let ctx: PlatformContext;

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = { db: t.db, actor: { userId: null, tokenId: null, label: "ops@itsp.example", ip: null } };
});
afterAll(async () => {
  process.off("warning", onWarning);
  await t?.drop();
});

describe("queries inside one transaction", () => {
  it("are sent one at a time on the worker's paths (no pg 'already executing a query' warning)", async () => {
    const node = async (hostname: string, last: number) =>
      (await createNode(ctx, { hostname, sipAddress: `10.0.0.${last}`, eslHost: `10.0.0.${last}`, eslPassword: "s" }))
        .node.id;
    const a = await node("fs-a", 1);
    const spare = await node("fs-spare", 2);
    await t.db.telephonyNode.update({ where: { id: spare }, data: { spare: true } });
    const proxyId = (await createSipProxy(ctx, { name: "edge-1", rpcUrl: "http://127.0.0.1:1/RPC" })).id;
    // Placement of a new tenant (least-loaded node group) runs in the creating transaction.
    const limits = { maxExtensions: 50, maxConcurrentCalls: 5, allowTenantRoutes: false };
    const domainId = (await createDomain(ctx, { name: "d1.example.com", displayName: "D1", ...limits })).id;
    await setDomainNodes(ctx, { domainId, nodes: [{ nodeId: a, priority: 0, weight: 100 }] });
    await syncKamailioTables(t.db);

    // Every proxy sees fs-a inactive: the engine moves the domain, in one transaction.
    const now = new Date();
    for (const [nodeId, state] of [
      [a, "INACTIVE"],
      [spare, "ACTIVE"],
    ] as const) {
      await t.db.proxyDestinationState.create({
        data: { proxyId, nodeId, setId: 1, flags: state === "ACTIVE" ? "AP" : "IP", state, since: now, checkedAt: now },
      });
    }
    const result = await runFailoverTick(t.db);
    expect(result.moved).toMatchObject([{ domainId, to: ["fs-spare"] }]);

    await new Promise((r) => setImmediate(r));
    expect(warnings.filter((w) => w.includes("already executing a query"))).toEqual([]);
  });
});
