import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/server/security/password";
import { open } from "@/server/security/secretBox";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { callerAs, createUser } from "../support/callers";

let t: TestDatabase;
let platform: Awaited<ReturnType<typeof callerAs>>;
let tenantAdmin: Awaited<ReturnType<typeof callerAs>>;
let domainId: string;

const newNode = {
  hostname: "fs-node-09",
  sipAddress: "10.0.0.29",
  eslHost: "10.0.0.29",
  eslPassword: "esl-secret-29",
  allowedSources: ["10.0.0.29"],
};

/** The newest cluster revision with its outbox topics. */
async function latestRevision() {
  return t.db.clusterRevision.findFirstOrThrow({
    orderBy: { id: "desc" },
    select: { id: true, reason: true, outbox: { select: { topic: true }, orderBy: { id: "asc" } } },
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  platform = await callerAs(t.db, await createUser(t.db, "ops@itsp.example", { role: "PLATFORM_ADMIN" }));
  const limits = { maxExtensions: 5, maxConcurrentCalls: 5, allowTenantRoutes: false };
  domainId = (await platform.domains.create({ name: "a.example.com", displayName: "A", ...limits })).id;
  tenantAdmin = await callerAs(t.db, await createUser(t.db, "admin@a.example.com", { role: "TENANT_ADMIN", domainId }));
});

afterAll(async () => {
  await t?.drop();
});

describe("cluster router", () => {
  let nodeId: string;

  it("creates a node: the xml_curl secret comes back once, only its argon2id hash and the sealed ESL password are stored", async () => {
    const { node, xmlCurlSecret } = await platform.cluster.nodes.create(newNode);
    nodeId = node.id;
    expect(node).toMatchObject({
      hostname: "fs-node-09",
      sipPort: 5060,
      eslPort: 8021,
      adminState: "ACTIVE",
      xmlCurlUser: "fs-node-09",
    });
    expect(node).not.toHaveProperty("xmlCurlSecretHash");
    expect(node).not.toHaveProperty("eslPasswordEnc");
    expect(xmlCurlSecret.length).toBeGreaterThanOrEqual(32);

    const row = await t.db.telephonyNode.findUniqueOrThrow({ where: { id: nodeId } });
    expect(row.xmlCurlSecretHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.xmlCurlSecretHash, xmlCurlSecret)).toBe(true);
    expect(row.eslPasswordEnc).not.toContain("esl-secret-29");
    expect(open(row.eslPasswordEnc)).toBe("esl-secret-29");

    // The list never shows the secret again.
    const listed = (await platform.cluster.nodes.list()).find((n) => n.id === nodeId);
    expect(listed?.hostname).toBe("fs-node-09");
    expect(Object.values(listed ?? {})).not.toContain(xmlCurlSecret);
    expect(listed).not.toHaveProperty("xmlCurlSecretHash");

    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "node.create", entityId: nodeId } });
    expect(audit.actorLabel).toBe("ops@itsp.example");
    expect(audit.ip).toBe("203.0.113.7");
    expect(JSON.stringify(audit.after)).not.toContain(xmlCurlSecret);
    expect(JSON.stringify(audit.after)).not.toContain("esl-secret-29");
    expect((await latestRevision()).outbox.map((o) => o.topic)).toEqual(["kamailio.sync", "freeswitch.acl-changed"]);
  });

  it("refuses a second node with the same hostname, on the hostname field", async () => {
    await expect(platform.cluster.nodes.create(newNode)).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { field: "hostname" },
    });
  });

  it("drains, puts in maintenance and activates a node, each a new revision with a kamailio.sync outbox row", async () => {
    for (const adminState of ["DRAINING", "MAINTENANCE", "ACTIVE"] as const) {
      const before = await latestRevision();
      const result = await platform.cluster.nodes.setAdminState({ id: nodeId, adminState });
      expect(result.node.adminState).toBe(adminState);
      expect(result.revision).toBeGreaterThan(before.id);

      const revision = await latestRevision();
      expect(revision.id).toBe(result.revision);
      expect(revision.reason).toBe(`node fs-node-09 → ${adminState}`);
      expect(revision.outbox.map((o) => o.topic)).toEqual(["kamailio.sync"]);
      expect((await t.db.telephonyNode.findUniqueOrThrow({ where: { id: nodeId } })).adminState).toBe(adminState);
      const audit = await t.db.auditLog.findFirstOrThrow({
        where: { action: `node.${adminState.toLowerCase()}`, entityId: nodeId },
        orderBy: { id: "desc" },
      });
      expect(audit.after).toEqual({ adminState });
    }
    const states = await t.db.auditLog.findMany({
      where: { entityId: nodeId, action: { not: "node.create" } },
      orderBy: { id: "asc" },
      select: { before: true, after: true },
    });
    expect(states).toEqual([
      { before: { adminState: "ACTIVE" }, after: { adminState: "DRAINING" } },
      { before: { adminState: "DRAINING" }, after: { adminState: "MAINTENANCE" } },
      { before: { adminState: "MAINTENANCE" }, after: { adminState: "ACTIVE" } },
    ]);
  });

  it("rejects an unknown admin state and an unknown node", async () => {
    await expect(
      platform.cluster.nodes.setAdminState({ id: nodeId, adminState: "OFF" as "ACTIVE" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      platform.cluster.nodes.setAdminState({ id: "no-such-node", adminState: "DRAINING" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("sets a domain's nodes, reads them back, and an empty list returns it to the general pool", async () => {
    const second = (await platform.cluster.nodes.create({ ...newNode, hostname: "fs-node-10" })).node;
    const revision = await platform.cluster.assignments.set({
      domainId,
      nodes: [
        { nodeId: second.id, priority: 1, weight: 50 },
        { nodeId, priority: 0 },
      ],
    });
    expect((await latestRevision()).id).toBe(revision);
    expect(await platform.cluster.assignments.list({ domainId })).toEqual([
      { nodeId, priority: 0, weight: 100, node: { hostname: "fs-node-09", adminState: "ACTIVE" } },
      { nodeId: second.id, priority: 1, weight: 50, node: { hostname: "fs-node-10", adminState: "ACTIVE" } },
    ]);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "domain.assign-nodes" } });
    expect(audit.domainId).toBe(domainId);
    expect(audit.before).toEqual({ nodes: [] });

    await platform.cluster.assignments.set({ domainId, nodes: [] });
    expect(await platform.cluster.assignments.list({ domainId })).toEqual([]);
    expect(await t.db.domainAssignment.count({ where: { domainId } })).toBe(0);

    await expect(
      platform.cluster.assignments.set({ domainId, nodes: [{ nodeId: "no-such-node" }] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(platform.cluster.assignments.set({ domainId: "no-such-domain", nodes: [] })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("reports sync status: desired revisions, pending outbox, and each proxy and node against them", async () => {
    await platform.cluster.proxies.create({ name: "kamailio-a", rpcUrl: "http://10.0.0.5:5071/RPC" });
    const status = await platform.cluster.syncStatus();
    const newest = await latestRevision();
    expect(status.latestRevision).toBe(newest.id);
    expect(typeof status.kamailioRevision).toBe("bigint");
    expect(status.kamailioRevision).toBeGreaterThan(0n);
    expect(status.freeswitchRevision).toBeGreaterThan(0n);
    // Nothing relays in this test, so every push row written so far is pending (webhook rows are not pushes).
    expect(status.pendingOutbox).toBe(
      await t.db.outboxEvent.count({
        where: { OR: [{ topic: "kamailio.sync" }, { topic: { startsWith: "freeswitch." } }] },
      }),
    );
    expect(await t.db.outboxEvent.count({ where: { topic: "node.admin-state-changed" } })).toBeGreaterThan(0);
    expect(status.pendingOutbox).toBeGreaterThan(0);
    expect(status.proxies).toEqual([
      {
        id: expect.any(String),
        name: "kamailio-a",
        enabled: true,
        appliedRevision: 0n,
        lastSyncAt: null,
        lastError: null,
        inSync: false,
        neverConnected: false,
      },
    ]);
    // A proxy tried and never once reached is "never connected", not merely behind.
    const proxyId = status.proxies[0]!.id;
    await t.db.sipProxy.update({ where: { id: proxyId }, data: { lastError: "fetch failed" } });
    expect((await platform.cluster.syncStatus()).proxies[0]).toMatchObject({ inSync: false, neverConnected: true });
    await t.db.sipProxy.update({ where: { id: proxyId }, data: { appliedRevision: 1n } });
    expect((await platform.cluster.syncStatus()).proxies[0]).toMatchObject({ inSync: false, neverConnected: false });
    expect(status.nodes.map((n) => [n.hostname, n.adminState, n.inSync])).toEqual([
      ["fs-node-09", "ACTIVE", false],
      ["fs-node-10", "ACTIVE", false],
    ]);

    // A node that has applied the newest FreeSWITCH revision is in sync.
    await t.db.telephonyNode.update({ where: { id: nodeId }, data: { appliedRevision: status.freeswitchRevision } });
    expect((await platform.cluster.syncStatus()).nodes.find((n) => n.id === nodeId)?.inSync).toBe(true);
  });

  it("gives a tenant admin FORBIDDEN on every cluster procedure", async () => {
    const attempts: Promise<unknown>[] = [
      tenantAdmin.cluster.nodes.list(),
      tenantAdmin.cluster.nodes.create({ ...newNode, hostname: "fs-evil" }),
      tenantAdmin.cluster.nodes.update({ id: nodeId, capacity: 1 }),
      tenantAdmin.cluster.nodes.setAdminState({ id: nodeId, adminState: "MAINTENANCE" }),
      tenantAdmin.cluster.nodes.delete({ id: nodeId }),
      tenantAdmin.cluster.proxies.list(),
      tenantAdmin.cluster.proxies.create({ name: "evil", rpcUrl: "http://10.9.9.9/RPC" }),
      tenantAdmin.cluster.proxies.update({ id: "x", enabled: false }),
      tenantAdmin.cluster.proxies.delete({ id: "x" }),
      tenantAdmin.cluster.assignments.list({ domainId }),
      tenantAdmin.cluster.assignments.set({ domainId, nodes: [{ nodeId }] }),
      tenantAdmin.cluster.assignments.bulkAssign({ domainIds: [domainId], nodes: [{ nodeId }] }),
      tenantAdmin.cluster.syncStatus(),
    ];
    const results = await Promise.allSettled(attempts);
    expect(results.map((r) => (r.status === "rejected" ? (r.reason as { code?: string }).code : "fulfilled"))).toEqual(
      attempts.map(() => "FORBIDDEN"),
    );
    // Nothing changed.
    const node = await t.db.telephonyNode.findUniqueOrThrow({ where: { id: nodeId } });
    expect(node).toMatchObject({ adminState: "ACTIVE", capacity: 500 });
    expect(await t.db.telephonyNode.count({ where: { hostname: "fs-evil" } })).toBe(0);
    expect(await t.db.domainAssignment.count({ where: { domainId } })).toBe(0);
  });

  it("keeps a node's trunk SIP port, unset meaning its SIP port + 20", async () => {
    const plain = (await platform.cluster.nodes.create({ ...newNode, hostname: "fs-port-a" })).node;
    expect(plain).toMatchObject({ sipPort: 5060, externalSipPort: null });
    const own = (await platform.cluster.nodes.create({ ...newNode, hostname: "fs-port-b", externalSipPort: 5099 }))
      .node;
    expect(own.externalSipPort).toBe(5099);
    expect((await platform.cluster.nodes.update({ id: own.id, externalSipPort: null })).externalSipPort).toBeNull();
    await expect(platform.cluster.nodes.update({ id: own.id, externalSipPort: 70_000 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
