import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runFailoverTick } from "@/server/cluster/failover/engine";
import { drainStatus } from "@/server/cluster/failover/drain";
import { listFailoverEvents, tenantFailoverNotice } from "@/server/cluster/failover/events";
import { nodeLoadView } from "@/server/cluster/failover/nodeLoadView";
import { restoreAssignments } from "@/server/cluster/failover/restore";
import { updateFailoverSettings } from "@/server/cluster/failover/settings";
import { setDomainNodes } from "@/server/cluster/domainAssignments";
import { createPlatformApiToken } from "@/server/apiTokens/service";
import { createRestHandler } from "@/server/api/rest/handler";
import { createNode, setNodeAdminState } from "@/server/cluster/nodes";
import { createSipProxy } from "@/server/cluster/sipProxies";
import { createDomain } from "@/server/domains/service";
import type { PlatformContext } from "@/server/tenancy/context";
import { createTestDatabase, type TestDatabase } from "../../support/database";

// The engine against a real PostgreSQL. Kamailio's view is written into
// proxy_destination_state the way the worker's read-back stores it; the cluster test
// (tests/cluster/failover.test.ts) runs the same engine against a real Kamailio.

let t: TestDatabase;
let ctx: PlatformContext;
let ids: { a: string; b: string; spare: string; proxy: string; domain: string };

const limits = { maxExtensions: 50, maxConcurrentCalls: 5, allowTenantRoutes: false };

async function kamailioSees(nodeId: string, state: "ACTIVE" | "INACTIVE", at = new Date()) {
  await t.db.proxyDestinationState.upsert({
    where: { proxyId_nodeId_setId: { proxyId: ids.proxy, nodeId, setId: 1 } },
    create: {
      proxyId: ids.proxy,
      nodeId,
      setId: 1,
      flags: state === "ACTIVE" ? "AP" : "IP",
      state,
      since: at,
      checkedAt: at,
    },
    update: { flags: state === "ACTIVE" ? "AP" : "IP", state, since: at, checkedAt: at },
  });
}

/** A pass "later" needs a view read back that late too: an old read no longer counts as a witness. */
async function readAt(ms: number): Promise<Date> {
  const at = new Date(ms);
  await t.db.proxyDestinationState.updateMany({ data: { checkedAt: at } });
  return at;
}

const assigned = async (domainId = ids.domain) =>
  (await t.db.domainAssignment.findMany({ where: { domainId }, select: { nodeId: true } })).map((a) => a.nodeId).sort();

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = { db: t.db, actor: { userId: null, tokenId: null, label: "ops@itsp.example", ip: null } };
  const node = async (hostname: string, last: number) =>
    (
      await createNode(ctx, {
        hostname,
        sipAddress: `10.0.0.${last}`,
        eslHost: `10.0.0.${last}`,
        eslPassword: "secret",
      })
    ).node.id;
  const a = await node("fs-a", 1);
  const b = await node("fs-b", 2);
  const spare = await node("fs-spare", 3);
  await t.db.telephonyNode.update({ where: { id: spare }, data: { spare: true } });
  const proxy = (await createSipProxy(ctx, { name: "edge-1", rpcUrl: "http://127.0.0.1:1/RPC" })).id;
  const domain = (await createDomain(ctx, { name: "d1.example.com", displayName: "D1", ...limits, nodeIds: [] })).id;
  ids = { a, b, spare, proxy, domain };
});

afterAll(async () => {
  await t?.drop();
});

beforeEach(async () => {
  await t.db.failoverEvent.deleteMany();
  await updateFailoverSettings(ctx, { detectionRule: "EITHER", hysteresisMs: 60_000, autoRestoreAfterMin: null });
  for (const n of [ids.a, ids.b, ids.spare]) await kamailioSees(n, "ACTIVE");
  await setDomainNodes(ctx, { domainId: ids.domain, nodes: [{ nodeId: ids.b, priority: 0, weight: 100 }] });
  await runFailoverTick(t.db);
});

describe("failover engine", () => {
  it("moves a domain whose every node is down to the spare first, audited and announced", async () => {
    await kamailioSees(ids.b, "INACTIVE");
    const result = await runFailoverTick(t.db);

    expect(result.downNodeIds).toEqual([ids.b]);
    expect(result.moved).toMatchObject([{ domainId: ids.domain, from: ["fs-b"], to: ["fs-spare"] }]);
    expect(await assigned()).toEqual([ids.spare]);

    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "domain.failover", entityId: ids.domain } });
    expect(audit.actorLabel).toBe("system:failover");
    expect(audit.before).toEqual({ nodes: [{ nodeId: ids.b, priority: 0, weight: 100 }] });
    const outbox = await t.db.outboxEvent.findMany({
      where: { revisionId: result.revision! },
      select: { topic: true },
    });
    expect(outbox.map((o) => o.topic).sort()).toEqual(["failover.domain-moved", "kamailio.sync"]);

    const [event] = await listFailoverEvents(ctx, { openOnly: true, limit: 50 });
    expect(event).toMatchObject({ domainId: ids.domain, restoredAt: null, fromNodes: [{ hostname: "fs-b" }] });
    expect(event!.reason).toContain("fs-b (Kamailio: inactive on every proxy");
    expect((await t.db.failoverNodeStatus.findUniqueOrThrow({ where: { nodeId: ids.b } })).down).toBe(true);

    // The tenant learns it runs on standby nodes, and nothing about other tenants.
    const tenant = (domainId: string, name: string) => ({
      ...ctx,
      domain: { id: domainId, name },
      role: "TENANT_ADMIN" as const,
      extensionId: null,
    });
    expect(await tenantFailoverNotice(tenant(ids.domain, "d1.example.com"))).toEqual({ since: event!.at });
    const other = await t.db.domain.create({ data: { name: "other.example.com", displayName: "Other" } });
    expect(await tenantFailoverNotice(tenant(other.id, other.name))).toBeNull();
  });

  it("leaves a domain alone while one of its nodes is up, and one with failover off or kept on its own nodes", async () => {
    await setDomainNodes(ctx, {
      domainId: ids.domain,
      nodes: [
        { nodeId: ids.a, priority: 0, weight: 100 },
        { nodeId: ids.b, priority: 0, weight: 100 },
      ],
    });
    await kamailioSees(ids.b, "INACTIVE");
    expect((await runFailoverTick(t.db)).moved).toEqual([]);

    await setDomainNodes(ctx, { domainId: ids.domain, nodes: [{ nodeId: ids.b, priority: 0, weight: 100 }] });
    for (const policy of [{ failoverEnabled: false }, { fallbackToAnyNode: false }]) {
      await t.db.domain.update({ where: { id: ids.domain }, data: policy });
      try {
        expect((await runFailoverTick(t.db)).moved).toEqual([]);
        expect(await assigned()).toEqual([ids.b]);
      } finally {
        await t.db.domain.update({
          where: { id: ids.domain },
          data: { failoverEnabled: true, fallbackToAnyNode: true },
        });
      }
    }
  });

  it("does not move a domain twice within the hysteresis window", async () => {
    await kamailioSees(ids.b, "INACTIVE");
    expect((await runFailoverTick(t.db)).moved).toHaveLength(1);
    // An operator forces it back while B still looks down: the next pass must not bounce it.
    await restoreAssignments(ctx, { domainId: ids.domain, force: true });
    expect(await assigned()).toEqual([ids.b]);
    expect((await runFailoverTick(t.db)).moved).toEqual([]);
    expect((await runFailoverTick(t.db, await readAt(Date.now() + 30_000))).moved).toEqual([]);
    // After the window it may move again.
    expect((await runFailoverTick(t.db, await readAt(Date.now() + 61_000))).moved).toHaveLength(1);
  });

  it("restores only on request, refuses while the original node is down, then puts it back", async () => {
    await kamailioSees(ids.b, "INACTIVE");
    await runFailoverTick(t.db);
    await expect(restoreAssignments(ctx, { domainId: ids.domain })).rejects.toThrow(/still down/);

    await kamailioSees(ids.b, "ACTIVE");
    await runFailoverTick(t.db);
    expect(await assigned()).toEqual([ids.spare]);

    const { revision } = await restoreAssignments(ctx, { domainId: ids.domain });
    expect(await assigned()).toEqual([ids.b]);
    expect(await t.db.failoverEvent.count({ where: { restoredAt: null } })).toBe(0);
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "domain.failover-restore", entityId: ids.domain },
    });
    expect(audit.actorLabel).toBe("ops@itsp.example");
    expect(await t.db.outboxEvent.count({ where: { revisionId: revision, topic: "failover.domain-restored" } })).toBe(
      1,
    );
    await expect(restoreAssignments(ctx, { domainId: ids.domain })).rejects.toThrow(/no failover/);
  });

  it("restores automatically after the configured stable minutes, not before", async () => {
    await updateFailoverSettings(ctx, { autoRestoreAfterMin: 5 });
    await kamailioSees(ids.b, "INACTIVE");
    await runFailoverTick(t.db);
    await kamailioSees(ids.b, "ACTIVE");
    const upAt = Date.now();
    expect((await runFailoverTick(t.db, new Date(upAt))).restored).toEqual([]);
    expect((await runFailoverTick(t.db, await readAt(upAt + 4 * 60_000))).restored).toEqual([]);
    expect((await runFailoverTick(t.db, await readAt(upAt + 6 * 60_000))).restored).toEqual([ids.domain]);
    expect(await assigned()).toEqual([ids.b]);
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "domain.failover-restore" },
      orderBy: { id: "desc" },
    });
    expect(audit.actorLabel).toBe("system:failover");
  });

  it("acts on a lost heartbeat alone under HEARTBEAT_LOST, and ignores Kamailio then", async () => {
    await updateFailoverSettings(ctx, { detectionRule: "HEARTBEAT_LOST" });
    await kamailioSees(ids.b, "INACTIVE");
    expect((await runFailoverTick(t.db)).moved).toEqual([]);
    await t.db.telephonyNode.update({
      where: { id: ids.b },
      data: { health: "DOWN", lastHeartbeatAt: new Date(Date.now() - 60_000) },
    });
    try {
      expect((await runFailoverTick(t.db)).moved).toHaveLength(1);
    } finally {
      await t.db.telephonyNode.update({ where: { id: ids.b }, data: { health: "UNKNOWN", lastHeartbeatAt: null } });
    }
  });
});

describe("placement and capacity", () => {
  it("places a new tenant without explicit nodes on the least-loaded non-spare node", async () => {
    // fs-b carries d1 (50 extensions' worth of limit doesn't count; its real extensions do).
    await t.db.extension.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        domainId: ids.domain,
        number: String(1000 + i),
        displayName: `E${i}`,
        sipA1Hash: "x",
      })),
    });
    const placed = await createDomain(ctx, { name: "new.example.com", displayName: "New", ...limits });
    expect(await assigned(placed.id)).toEqual([ids.a]);
    const explicit = await createDomain(ctx, { name: "pool.example.com", displayName: "Pool", ...limits, nodeIds: [] });
    expect(await assigned(explicit.id)).toEqual([]);

    const view = await nodeLoadView(ctx);
    const b = view.find((n) => n.id === ids.b)!;
    expect(b.load.extensions).toBe(30);
    expect(b.utilisation).toBeCloseTo(30 / ((500 * 10_000) / 1_500));
  });

  it("a drain with a deadline lists the calls still up once the deadline passed", async () => {
    const { node } = await setNodeAdminState(ctx, { id: ids.a, adminState: "DRAINING", drainDeadlineMinutes: 10 });
    expect(node.drainDeadlineAt!.getTime() - node.drainStartedAt!.getTime()).toBe(600_000);
    await t.db.liveChannel.create({
      data: {
        uuid: "6a1c0f4e-0000-4000-8000-000000000001",
        nodeId: ids.a,
        domainId: ids.domain,
        callUuid: "6a1c0f4e-0000-4000-8000-000000000001",
        direction: "inbound",
        callerNumber: "1001",
        callerName: "Reception",
        destinationNumber: "1002",
        state: "ANSWERED",
        createdAt: new Date(),
        updatedAt: new Date(),
      },
    });
    expect(await drainStatus(ctx, ids.a)).toMatchObject({ overdue: false, remainingCalls: [] });
    await t.db.telephonyNode.update({ where: { id: ids.a }, data: { drainDeadlineAt: new Date(Date.now() - 1000) } });
    const overdue = await drainStatus(ctx, ids.a);
    expect(overdue.overdue).toBe(true);
    expect(overdue.remainingCalls.map((c) => c.callerNumber)).toEqual(["1001"]);

    const { node: active } = await setNodeAdminState(ctx, { id: ids.a, adminState: "ACTIVE" });
    expect(active.drainDeadlineAt).toBeNull();
  });
});

describe("REST", () => {
  it("drives settings, drain deadline, the failover list and restore through /api/v1", async () => {
    const api = createRestHandler({ db: () => t.db, rateLimit: { perSecond: 1000, burst: 1000 } });
    const { token } = await createPlatformApiToken(ctx, { name: "noc" });
    const call = (method: string, path: string, body?: unknown) =>
      api(
        new Request(`http://switchboard.test/api/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        }),
      );

    const settings = await call("PATCH", "/failover/settings", { detectionRule: "BOTH", hysteresisMs: 30_000 });
    expect(settings.status).toBe(200);
    expect(await settings.json()).toMatchObject({ detectionRule: "BOTH", hysteresisMs: 30_000 });
    expect((await call("PATCH", "/failover/settings", { detectionRule: "SOMETIMES" })).status).toBe(422);

    expect((await call("POST", `/nodes/${ids.a}/drain?drainDeadlineMinutes=15`)).status).toBe(200);
    const drain = (await (await call("GET", `/nodes/${ids.a}/drain`)).json()) as Record<string, string>;
    expect(new Date(drain.drainDeadlineAt!).getTime() - new Date(drain.drainStartedAt!).getTime()).toBe(900_000);
    await call("POST", `/nodes/${ids.a}/activate`);

    await kamailioSees(ids.b, "INACTIVE");
    await runFailoverTick(t.db);
    const open = (await (await call("GET", "/failover/events?openOnly=true")).json()) as { domainId: string }[];
    expect(open.map((e) => e.domainId)).toEqual([ids.domain]);
    expect((await call("POST", `/domains/${ids.domain}/failover/restore`)).status).toBe(409);

    await kamailioSees(ids.b, "ACTIVE");
    await runFailoverTick(t.db);
    expect((await call("POST", `/domains/${ids.domain}/failover/restore`)).status).toBe(200);
    expect(await assigned()).toEqual([ids.b]);
    const load = (await (await call("GET", "/cluster/node-load")).json()) as { hostname: string; spare: boolean }[];
    expect(load.find((n) => n.hostname === "fs-spare")?.spare).toBe(true);
  });
});
