import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFailoverTick } from "@/server/cluster/failover/engine";
import { ProxyPusher } from "@/server/cluster/kamailio/applyToProxy";
import { createNode, setNodeAdminState } from "@/server/cluster/nodes";
import { createSipProxy } from "@/server/cluster/sipProxies";
import type { PlatformContext } from "@/server/tenancy/context";
import { createTestDatabase, type TestDatabase } from "../../support/database";

// Platform events come from where the cluster's state is decided: the failover engine's
// verdict per node, a node's admin state, and a push to a proxy failing or recovering.

let t: TestDatabase;
let ctx: PlatformContext;
let nodeId: string;

const topics = async (prefix: string) =>
  (await t.db.outboxEvent.findMany({ where: { topic: { startsWith: prefix } }, orderBy: { id: "asc" } })).map((e) => ({
    topic: e.topic,
    payload: e.payload as Record<string, unknown>,
  }));

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = { db: t.db, actor: { userId: null, tokenId: null, label: "ops@itsp.example", ip: null } };
  nodeId = (await createNode(ctx, { hostname: "fs-a", sipAddress: "10.0.0.1", eslHost: "10.0.0.1", eslPassword: "x" }))
    .node.id;
});

afterAll(async () => {
  await t?.drop();
});

describe("cluster webhook events", () => {
  it("node.down when the engine's verdict flips to down, node.up when it flips back, nothing in between", async () => {
    const now = Date.now();
    await t.db.telephonyNode.update({ where: { id: nodeId }, data: { health: "UP", lastHeartbeatAt: new Date(now) } });
    await runFailoverTick(t.db, new Date(now), 15_000);
    expect(await topics("node.")).toEqual([]);

    await runFailoverTick(t.db, new Date(now + 20_000), 15_000);
    await runFailoverTick(t.db, new Date(now + 21_000), 15_000);
    await t.db.telephonyNode.update({ where: { id: nodeId }, data: { lastHeartbeatAt: new Date(now + 22_000) } });
    await runFailoverTick(t.db, new Date(now + 22_500), 15_000);

    const events = await topics("node.");
    expect(events.map((e) => e.topic)).toEqual(["node.down", "node.up"]);
    expect(events[0]!.payload).toMatchObject({ domainId: null, node: { id: nodeId, hostname: "fs-a" } });
    expect(String(events[0]!.payload.reason)).toMatch(/heartbeat/i);
  });

  it("node.admin-state-changed on a drain, not on a repeat of the same state", async () => {
    await setNodeAdminState(ctx, { id: nodeId, adminState: "DRAINING" });
    await setNodeAdminState(ctx, { id: nodeId, adminState: "DRAINING" });
    const events = await topics("node.admin");
    expect(events).toEqual([
      {
        topic: "node.admin-state-changed",
        payload: expect.objectContaining({ adminState: "DRAINING", previousAdminState: "ACTIVE" }),
      },
    ]);
  });

  it("proxy.out-of-sync once when pushes to a proxy start failing", async () => {
    // Nothing listens there: every push fails.
    const proxy = await createSipProxy(ctx, { name: "edge-1", rpcUrl: "http://127.0.0.1:1/RPC" });
    const pusher = new ProxyPusher(t.db, { reloadDeltaMs: 0 });
    await expect(pusher.apply(proxy.id)).rejects.toThrow();
    await expect(pusher.apply(proxy.id)).rejects.toThrow();
    const events = await topics("proxy.");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      topic: "proxy.out-of-sync",
      payload: { proxy: { id: proxy.id, name: "edge-1" } },
    });
  });
});
