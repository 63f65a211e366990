import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDomainApiToken, createPlatformApiToken } from "@/server/apiTokens/service";
import { createRestHandler, type RestHandler } from "@/server/api/rest/handler";
import { syncKamailioTables } from "@/server/cluster/kamailio/syncTables";
import { createNode } from "@/server/cluster/nodes";
import type { PlatformContext, TenantContext } from "@/server/tenancy/context";
import { pruneTrips, TRIP_RETENTION_DAYS } from "@/server/callLimits/pruneTrips";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createTwoTenants } from "../support/twoTenants";

// Abuse limits through tRPC and REST: platform admins set them, a tenant's admins only
// read their own; every change is audited, edge limits reach the kamailio tables.

let t: TestDatabase;
let fx: Awaited<ReturnType<typeof createTwoTenants>>;
let api: RestHandler;

const limits = {
  outboundCallsPerSecond: 3,
  maxOutboundCalls: 10,
  edgeCallsPerSecond: 6,
  edgeConcurrentCalls: 12,
  allowInternational: false,
  allowPremium: false,
  allowedPrefixes: ["+44", "1900"],
  tenantDailyMinutes: 600,
  extensionDailyMinutes: null,
};

beforeAll(async () => {
  t = await createTestDatabase();
  fx = await createTwoTenants(t.db);
  api = createRestHandler({ db: () => t.db, rateLimit: { perSecond: 1000, burst: 1000 } });
});

afterAll(async () => {
  await t?.drop();
});

describe("callLimits router", () => {
  it("a tenant without a row sees the defaults: international and premium-rate off, nothing capped", async () => {
    const view = await fx.adminA.callLimits.mine({ domainId: fx.domainA });
    expect(view.limits).toMatchObject({
      allowInternational: false,
      allowPremium: false,
      allowedPrefixes: [],
      outboundCallsPerSecond: 0,
      tenantDailyMinutes: null,
      outboundBlocked: false,
    });
    expect(view).toMatchObject({ minutesUsedToday: 0, recentTrips: [], openNotices: [] });
  });

  it("the platform sets them (audited, edge limits pushed); the tenant admin reads them, cannot change them", async () => {
    const revisionsBefore = await t.db.clusterRevision.count();
    await fx.platform.callLimits.set({ domainId: fx.domainA, ...limits });
    expect((await fx.adminA.callLimits.mine({ domainId: fx.domainA })).limits).toMatchObject(limits);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "call-limits.update" } });
    expect(audit).toMatchObject({ domainId: fx.domainA, actorLabel: "ops@itsp.example" });
    expect(await t.db.clusterRevision.count()).toBe(revisionsBefore + 1);
    expect(await t.db.outboxEvent.count({ where: { topic: "kamailio.sync" } })).toBeGreaterThan(0);

    await expect(
      fx.adminA.callLimits.set({ domainId: fx.domainA, ...limits, allowInternational: true }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(fx.adminA.callLimits.setBlock({ domainId: fx.domainA, blocked: false })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(fx.adminA.callLimits.policy()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("tenant B's limits are never A's, and A's admin cannot read B's", async () => {
    await fx.platform.callLimits.set({
      domainId: fx.domainB,
      ...limits,
      allowInternational: true,
      allowedPrefixes: [],
    });
    expect((await fx.adminA.callLimits.mine({ domainId: fx.domainA })).limits.allowInternational).toBe(false);
    await expect(fx.adminA.callLimits.mine({ domainId: fx.domainB })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("changing only dialplan limits needs no Kamailio push", async () => {
    const before = await t.db.clusterRevision.count();
    await fx.platform.callLimits.set({ domainId: fx.domainA, ...limits, maxOutboundCalls: 11 });
    expect(await t.db.clusterRevision.count()).toBe(before);
  });

  it("bad input gets a clear error and changes nothing", async () => {
    await expect(
      fx.platform.callLimits.set({ domainId: fx.domainA, ...limits, allowedPrefixes: ["44x"] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      fx.platform.callLimits.set({ domainId: fx.domainA, ...limits, outboundCallsPerSecond: -1 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(fx.platform.callLimits.set({ ...limits, domainId: "nope" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await fx.adminA.callLimits.mine({ domainId: fx.domainA })).limits.allowedPrefixes).toEqual(["+44", "1900"]);
  });

  it("the worker's table sync writes each tenant's edge limits into kamailio.tenantlimits", async () => {
    const ctx: PlatformContext = { db: t.db, actor: { userId: null, tokenId: null, label: "test", ip: null } };
    await createNode(ctx, {
      hostname: "fs-a",
      sipAddress: "127.0.0.1",
      sipPort: 5080,
      eslHost: "127.0.0.1",
      eslPort: 8021,
      eslPassword: "ClueCon",
    });
    await syncKamailioTables(t.db);
    const rows = await t.db.$queryRaw<{ key_name: string; key_value: string; value_type: number }[]>`
      SELECT key_name, key_value, value_type FROM kamailio.tenantlimits ORDER BY key_name`;
    expect(rows).toEqual([
      { key_name: "a.example.com::calls", key_value: "12", value_type: 1 },
      { key_name: "a.example.com::cps", key_value: "6", value_type: 1 },
      { key_name: "b.example.com::calls", key_value: "12", value_type: 1 },
      { key_name: "b.example.com::cps", key_value: "6", value_type: 1 },
    ]);
    await fx.platform.callLimits.set({
      domainId: fx.domainB,
      ...limits,
      edgeCallsPerSecond: 0,
      edgeConcurrentCalls: 0,
    });
    await syncKamailioTables(t.db);
    const after = await t.db.$queryRaw<
      { key_name: string }[]
    >`SELECT key_name FROM kamailio.tenantlimits ORDER BY key_name`;
    expect(after.map((r) => r.key_name)).toEqual(["a.example.com::calls", "a.example.com::cps"]);
  });

  it("block and unblock are audited; the policy is platform-wide", async () => {
    await fx.platform.callLimits.setBlock({ domainId: fx.domainA, blocked: true, reason: "fraud suspected" });
    expect((await fx.adminA.callLimits.mine({ domainId: fx.domainA })).limits).toMatchObject({
      outboundBlocked: true,
      outboundBlockedReason: "fraud suspected",
      maxOutboundCalls: 11,
    });
    await fx.platform.callLimits.setBlock({ domainId: fx.domainA, blocked: false });
    expect(await t.db.auditLog.count({ where: { action: { in: ["call-limits.block", "call-limits.unblock"] } } })).toBe(
      2,
    );

    expect(await fx.platform.callLimits.policy()).toMatchObject({ autoBlockEnabled: false, tripThreshold: 10 });
    await fx.platform.callLimits.setPolicy({
      autoBlockEnabled: true,
      tripThreshold: 20,
      tripWindowMinutes: 10,
      premiumPrefixes: ["+449"],
    });
    expect(await fx.platform.callLimits.policy()).toEqual({
      autoBlockEnabled: true,
      tripThreshold: 20,
      tripWindowMinutes: 10,
      premiumPrefixes: ["+449"],
    });
  });

  it("notices: the platform lists every tenant's and acknowledges them; the tenant sees its own", async () => {
    const notice = await t.db.callLimitNotice.create({
      data: { domainId: fx.domainA, trips: 12, windowMinutes: 5, kinds: ["CPS"], autoBlocked: false },
    });
    await t.db.callLimitNotice.create({
      data: { domainId: fx.domainB, trips: 30, windowMinutes: 5, kinds: ["DESTINATION"], autoBlocked: true },
    });
    expect((await fx.platform.callLimits.notices()).map((n) => n.domainName).sort()).toEqual([
      "a.example.com",
      "b.example.com",
    ]);
    expect((await fx.adminA.callLimits.mine({ domainId: fx.domainA })).openNotices).toMatchObject([
      { trips: 12, kinds: ["CPS"] },
    ]);
    await expect(fx.adminA.callLimits.notices()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await fx.platform.callLimits.acknowledgeNotice({ id: notice.id.toString() });
    expect((await fx.adminA.callLimits.mine({ domainId: fx.domainA })).openNotices).toEqual([]);
  });
});

describe("trip retention", () => {
  it("deletes trips older than the retention, oldest first, in bounded batches", async () => {
    const old = new Date(Date.now() - (TRIP_RETENTION_DAYS + 1) * 86_400_000);
    await t.db.callLimitTrip.createMany({
      data: [
        ...Array.from({ length: 3 }, () => ({ domainId: fx.domainA, kind: "CPS" as const, createdAt: old })),
        { domainId: fx.domainA, kind: "CONCURRENT" as const },
      ],
    });
    expect(await pruneTrips(t.db, 2)).toBe(2);
    expect(await pruneTrips(t.db)).toBe(1);
    expect(await pruneTrips(t.db)).toBe(0);
    expect((await t.db.callLimitTrip.findMany()).map((x) => x.kind)).toEqual(["CONCURRENT"]);
  });
});

describe("REST", () => {
  const BASE = "http://switchboard.test/api/v1";
  const send = (token: string, method: string, path: string, body?: unknown) =>
    api(
      new Request(`${BASE}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "x-forwarded-for": "198.51.100.7",
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );

  it("platform token sets, tenant token reads its own only", async () => {
    const actor = { userId: null, tokenId: null, label: "test", ip: null };
    const platform: PlatformContext = { db: t.db, actor };
    const platformToken = (await createPlatformApiToken(platform, { name: "ops" })).token;
    const tenantA: TenantContext = {
      db: t.db,
      actor,
      domain: { id: fx.domainA, name: "a.example.com" },
      role: "TENANT_ADMIN",
      extensionId: null,
    };
    const tenantToken = (await createDomainApiToken(tenantA, { name: "crm" })).token;

    const put = await send(platformToken, "PUT", `/domains/${fx.domainA}/call-limits`, {
      ...limits,
      maxOutboundCalls: 7,
    });
    expect(put.status).toBe(200);
    const got = await send(tenantToken, "GET", `/domains/${fx.domainA}/call-limits`);
    expect(got.status).toBe(200);
    expect(((await got.json()) as { limits: { maxOutboundCalls: number } }).limits.maxOutboundCalls).toBe(7);
    expect((await send(tenantToken, "GET", `/domains/${fx.domainB}/call-limits`)).status).toBe(404);
    expect((await send(tenantToken, "PUT", `/domains/${fx.domainA}/call-limits`, limits)).status).toBe(403);
    expect(
      (await send(platformToken, "PUT", `/domains/${fx.domainA}/call-limits`, { ...limits, allowedPrefixes: "x" }))
        .status,
    ).toBe(422);
    const policy = await send(platformToken, "GET", "/call-limits/policy");
    expect(policy.status).toBe(200);
    expect(await policy.json()).toMatchObject({ tripThreshold: 20 });
  });
});
