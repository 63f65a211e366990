import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlatformApiToken } from "@/server/apiTokens/service";
import { createRestHandler, type RestHandler } from "@/server/api/rest/handler";
import { nodeKamailioView } from "@/server/cluster/kamailio/nodeKamailioView";
import { syncKamailioTables } from "@/server/cluster/kamailio/syncTables";
import type { PlatformContext } from "@/server/tenancy/context";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { callerAs, createUser } from "../../support/callers";

// Node address validation, the per-domain fallback rule on its way into the kamailio.*
// tables, and the per-node Kamailio view, against a real migrated database.

let t: TestDatabase;
let platform: Awaited<ReturnType<typeof callerAs>>;
let api: RestHandler;
let token: string;

const node = (hostname: string, sipAddress: string) => ({
  hostname,
  sipAddress,
  eslHost: "127.0.0.1",
  eslPassword: "ClueCon",
});

const rest = (method: string, path: string, body?: unknown) =>
  api(
    new Request(`http://switchboard.test/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );

beforeAll(async () => {
  t = await createTestDatabase();
  platform = await callerAs(t.db, await createUser(t.db, "ops@itsp.example", { role: "PLATFORM_ADMIN" }));
  api = createRestHandler({ db: () => t.db, rateLimit: { perSecond: 1000, burst: 1000 } });
  const ctx: PlatformContext = { db: t.db, actor: { userId: null, tokenId: null, label: "test", ip: null } };
  token = (await createPlatformApiToken(ctx, { name: "ops" })).token;
});

afterAll(async () => {
  await t?.drop();
});

describe("node addresses", () => {
  it("refuses 999.999.999.999 on the sipAddress field, in tRPC and REST, and stores nothing", async () => {
    await expect(platform.cluster.nodes.create(node("fs-bad", "999.999.999.999"))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: {
        issues: [
          expect.objectContaining({ path: ["sipAddress"], message: expect.stringMatching(/IPv4 or IPv6 address/) }),
        ],
      },
    });
    const res = await rest("POST", "/nodes", node("fs-bad", "999.999.999.999"));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: "validation_failed", issues: [{ field: "sipAddress" }] });
    expect(await t.db.telephonyNode.count()).toBe(0);
  });

  it("refuses a host name that does not resolve, naming the field, on create and update", async () => {
    await expect(platform.cluster.nodes.create(node("fs-x", "fs-x.no-such-host.invalid"))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/fs-x\.no-such-host\.invalid does not resolve/),
      cause: { issues: [expect.objectContaining({ path: ["sipAddress"] })] },
    });
    const { node: created } = await platform.cluster.nodes.create(node("fs-local", "localhost"));
    expect(created.sipAddress).toBe("localhost");

    const res = await rest("PATCH", `/nodes/${created.id}`, { eslHost: "esl.no-such-host.invalid" });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      issues: [{ field: "eslHost", message: expect.stringMatching(/resolve/) }],
    });
    expect((await t.db.telephonyNode.findUniqueOrThrow({ where: { id: created.id } })).eslHost).toBe("127.0.0.1");

    const ipv6 = await rest("PATCH", `/nodes/${created.id}`, { sipAddress: "2001:db8::5", sipPort: 5080 });
    expect(ipv6.status).toBe(200);
    const badPort = await rest("PATCH", `/nodes/${created.id}`, { sipPort: 70000 });
    expect(badPort.status).toBe(422);
    expect(await badPort.json()).toMatchObject({ issues: [{ field: "sipPort", message: "Ports are 1–65535" }] });
  });
});

describe("fallback to any node", () => {
  it("is on by default; turning it off is audited, pushed, and marks the domain ':own' for Kamailio", async () => {
    const { node: a } = await platform.cluster.nodes.create(node("fs-a", "10.0.0.1"));
    const domain = await platform.domains.create({
      name: "strict.example.com",
      displayName: "Strict",
      maxExtensions: 5,
      maxConcurrentCalls: 5,
      allowTenantRoutes: false,
    });
    expect(domain.fallbackToAnyNode).toBe(true);
    await platform.cluster.assignments.set({ domainId: domain.id, nodes: [{ nodeId: a.id }] });
    await syncKamailioTables(t.db);
    const value = async () =>
      (
        await t.db.$queryRaw<{ key_value: string }[]>`
          SELECT key_value FROM kamailio.domainset WHERE key_name = 'strict.example.com'`
      )[0]?.key_value;
    const set = await value();
    expect(set).toMatch(/^\d+$/);

    const res = await rest("PATCH", `/domains/${domain.id}`, { fallbackToAnyNode: false });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ fallbackToAnyNode: false });
    const revision = await t.db.clusterRevision.findFirstOrThrow({
      orderBy: { id: "desc" },
      select: { reason: true, outbox: { select: { topic: true } } },
    });
    expect(revision.outbox.map((o) => o.topic)).toEqual(["kamailio.sync"]);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "domain.update", entityId: domain.id } });
    expect(audit.after).toEqual({ fallbackToAnyNode: false });

    await syncKamailioTables(t.db);
    expect(await value()).toBe(`${set}:own`);

    // Limits edits leave the rule (and Kamailio) alone.
    const before = await t.db.clusterRevision.count();
    await platform.domains.update({ id: domain.id, maxExtensions: 6 });
    expect(await t.db.clusterRevision.count()).toBe(before);
    expect((await platform.domains.get({ id: domain.id })).fallbackToAnyNode).toBe(false);

    await platform.domains.update({ id: domain.id, fallbackToAnyNode: true });
    await syncKamailioTables(t.db);
    expect(await value()).toBe(set);

    // Or chosen when the tenant is created.
    const created = await rest("POST", "/domains", {
      name: "own.example.com",
      displayName: "Own",
      maxExtensions: 5,
      maxConcurrentCalls: 5,
      allowTenantRoutes: false,
      nodeIds: [a.id],
      fallbackToAnyNode: false,
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ fallbackToAnyNode: false });
  });
});

describe("nodeKamailioView", () => {
  it("says a node is inactive on every proxy only when every fresh proxy says so, since the last of them", async () => {
    const { node: b } = await platform.cluster.nodes.create(node("fs-b", "10.0.0.2"));
    const { node: c } = await platform.cluster.nodes.create(node("fs-c", "10.0.0.3"));
    const p1 = await platform.cluster.proxies.create({ name: "proxy-1", rpcUrl: "http://10.0.0.5:5071/RPC" });
    const p2 = await platform.cluster.proxies.create({ name: "proxy-2", rpcUrl: "http://10.0.0.6:5071/RPC" });
    const p3 = await platform.cluster.proxies.create({ name: "proxy-3", rpcUrl: "http://10.0.0.7:5071/RPC" });
    const now = new Date("2026-12-02T12:03:20Z");
    const at = (s: string) => new Date(`2026-12-02T12:03:${s}Z`);
    const row = (proxyId: string, nodeId: string, setId: number, flags: string, since: Date, checkedAt = now) => ({
      proxyId,
      nodeId,
      setId,
      flags,
      state: ({ A: "ACTIVE", I: "INACTIVE", T: "TRYING", D: "DISABLED" } as const)[flags[0] as "A"],
      since,
      checkedAt,
    });
    await t.db.proxyDestinationState.createMany({
      data: [
        row(p1.id, b.id, 1, "IP", at("11")),
        row(p1.id, b.id, 2, "IP", at("09")),
        row(p2.id, b.id, 1, "IP", at("13")),
        // proxy-3 stopped answering long ago: its stale "active" does not count.
        row(p3.id, b.id, 1, "AP", at("00"), new Date("2026-12-02T12:00:00Z")),
        // fs-c: inactive in one set, still trying in the other on proxy-1.
        row(p1.id, c.id, 1, "TP", at("15")),
        row(p1.id, c.id, 2, "IP", at("12")),
        row(p2.id, c.id, 1, "IP", at("12")),
      ],
    });

    const view = new Map((await nodeKamailioView(t.db, { now })).map((v) => [v.nodeId, v]));
    const ofB = view.get(b.id)!;
    expect(ofB.inactiveOnEveryProxy).toBe(true);
    // proxy-1 since 12:03:09 (its earliest inactive set), proxy-2 since 12:03:13: on every proxy since :13.
    expect(ofB.inactiveSince).toEqual(at("13"));
    expect(ofB.perProxy.map((p) => [p.proxyName, p.state, p.since, p.stale])).toEqual([
      ["proxy-1", "INACTIVE", at("09"), false],
      ["proxy-2", "INACTIVE", at("13"), false],
      ["proxy-3", "ACTIVE", at("00"), true],
    ]);
    expect(view.get(c.id)).toMatchObject({ inactiveOnEveryProxy: false, inactiveSince: null });
    expect(view.get(c.id)!.perProxy[0]).toMatchObject({ proxyName: "proxy-1", state: "TRYING" });

    // A disabled proxy is no witness at all; the nodes API carries the same view.
    await platform.cluster.proxies.update({ id: p2.id, enabled: false });
    expect((await nodeKamailioView(t.db, { now })).find((v) => v.nodeId === b.id)!.perProxy).toHaveLength(2);
    const listed = await platform.cluster.nodes.list();
    expect(listed.find((n) => n.id === b.id)!.kamailio).toMatchObject({ nodeId: b.id });
    expect(listed.find((n) => n.hostname === "fs-a")!.kamailio).toBeNull();
    const res = await rest("GET", "/nodes");
    const nodes = (await res.json()) as { hostname: string; kamailio: { perProxy: { proxyName: string }[] } | null }[];
    expect(nodes.find((n) => n.hostname === "fs-b")!.kamailio!.perProxy.map((p) => p.proxyName)).toEqual([
      "proxy-1",
      "proxy-3",
    ]);
  });
});
