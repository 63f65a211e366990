import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { callerAs, createUser } from "../../support/callers";

let t: TestDatabase;
let platform: Awaited<ReturnType<typeof callerAs>>;

beforeAll(async () => {
  t = await createTestDatabase();
  platform = await callerAs(t.db, await createUser(t.db, "ops@itsp.example", { role: "PLATFORM_ADMIN" }));
});

afterAll(async () => {
  await t?.drop();
});

// The API takes partial updates: a field left out keeps its stored value, it is not reset
// to what a create would have defaulted it to.
describe("cluster partial updates", () => {
  it("a node update that names one field leaves ports, capacity and weight as they are", async () => {
    const { node } = await platform.cluster.nodes.create({
      hostname: "fs-partial",
      sipAddress: "10.0.0.41",
      eslHost: "10.0.0.41",
      eslPassword: "x",
      sipPort: 5080,
      eslPort: 8022,
      capacity: 50,
      weight: 7,
    });
    const after = await platform.cluster.nodes.update({ id: node.id, allowedSources: ["10.0.0.0/8"] });
    expect(after).toMatchObject({ sipPort: 5080, eslPort: 8022, capacity: 50, weight: 7 });
    expect(after.allowedSources).toEqual(["10.0.0.0/8"]);
  });

  it("a proxy update that only renames it does not re-enable a disabled proxy", async () => {
    const proxy = await platform.cluster.proxies.create({
      name: "edge-off",
      rpcUrl: "http://127.0.0.1:1/RPC",
      enabled: false,
    });
    expect((await platform.cluster.proxies.update({ id: proxy.id, name: "edge-off-2" })).enabled).toBe(false);
  });

  it("omitted fields of a new node, proxy or assignment get the defaults", async () => {
    const { node } = await platform.cluster.nodes.create({
      hostname: "fs-defaults",
      sipAddress: "10.0.0.42",
      eslHost: "10.0.0.42",
      eslPassword: "x",
    });
    expect(node).toMatchObject({ sipPort: 5060, eslPort: 8021, capacity: 500, weight: 100, allowedSources: [] });
    expect((await platform.cluster.proxies.create({ name: "edge-on", rpcUrl: "http://127.0.0.1:2/RPC" })).enabled).toBe(
      true,
    );
    const domainId = (
      await platform.domains.create({
        name: "partial.example.com",
        displayName: "P",
        maxExtensions: 1,
        maxConcurrentCalls: 1,
        allowTenantRoutes: false,
      })
    ).id;
    await platform.cluster.assignments.set({ domainId, nodes: [{ nodeId: node.id }] });
    expect(await platform.cluster.assignments.list({ domainId })).toMatchObject([
      { nodeId: node.id, priority: 0, weight: 100 },
    ]);
  });
});
