import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import {
  DEFAULT_TENANT_CALL_LIMITS,
  setCallLimitPolicy,
  setOutboundBlock,
  setTenantCallLimits,
} from "@/server/callLimits/service";
import { simulateCall } from "@/server/simulator/service";
import { listenForConfigChanges, type ConfigListener } from "@/server/freeswitch/configListener";
import { defaultXmlCurlSettings, XmlCurlService } from "@/server/freeswitch/xmlCurlService";
import type { PlatformContext } from "@/server/tenancy/context";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { readSharedFixture } from "../../unit/freeswitch/sharedFixtures";
import { serveXmlCurl } from "./httpClient";
import { basicAuth, NODE, seedSwitchboard, TENANT } from "./seed";

// The dialplan we serve under a tenant's abuse limits: the limit apps in the answer, the
// dialplan-decided refusals with their causes, trips recorded from both paths, the
// "tripped repeatedly" notice with its audit row and outbox event, and the auto-block.

const auth = basicAuth(NODE.user, NODE.secret);
const OTHER = "other.example";

let t: TestDatabase;
let service: XmlCurlService;
let endpoint: Awaited<ReturnType<typeof serveXmlCurl>>;
let listener: ConfigListener;
let ctx: PlatformContext;
let tenantId: string;
let otherId: string;

/** A phone's INVITE as FreeSWITCH asks for it (the captured request), from `user`@`domain` to `destination`. */
function call(destination: string, domain = TENANT, user = "1001") {
  const body =
    Object.entries({
      "Caller-Destination-Number": destination,
      "Hunt-Destination-Number": destination,
      "Hunt-Context": domain,
      "Caller-Context": domain,
      variable_domain_name: domain,
      variable_user_name: user,
    })
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}&`)
      .join("") + readSharedFixture("dialplan-sip-invite.body");
  return endpoint.post(body, auth).then((r) => r.body);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const {
  outboundBlocked: _b,
  outboundBlockedAt: _a,
  outboundBlockedReason: _r,
  ...NO_LIMITS
} = DEFAULT_TENANT_CALL_LIMITS;

async function limits(domainId: string, overrides: Partial<typeof NO_LIMITS>) {
  await setTenantCallLimits(ctx, { ...NO_LIMITS, ...overrides, domainId });
}

const trips = (domainId = tenantId) => t.db.callLimitTrip.findMany({ where: { domainId }, orderBy: { id: "asc" } });

beforeAll(async () => {
  t = await createTestDatabase();
  ({ tenantId } = await seedSwitchboard(t.db));
  ctx = { db: t.db, actor: { userId: null, tokenId: null, label: "ops@itsp.example", ip: null } };
  // Another tenant on the same node, with its own extension; the platform routes serve both.
  const other = await t.db.domain.create({ data: { name: OTHER, displayName: "Other" } });
  otherId = other.id;
  await t.db.extension.create({
    data: {
      domainId: other.id,
      number: "1001",
      displayName: "Other 1001",
      sipA1Hash: "00",
      tollAllow: ["domestic", "international"],
    },
  });
  await t.db.extension.update({
    where: { domainId_number: { domainId: tenantId, number: "1001" } },
    data: { tollAllow: ["local", "domestic", "international"] },
  });
  const trunk = await t.db.trunk.findFirstOrThrow({ where: { name: "carrier-a" } });
  await t.db.outboundRoute.create({
    data: {
      name: "international",
      pattern: "_00X.",
      priority: 50,
      trunks: { create: [{ trunkId: trunk.id, position: 1 }] },
    },
  });
  // Minutes are checked on every call in these tests: no reuse of the sum.
  service = new XmlCurlService(t.db, t.db, { ...defaultXmlCurlSettings, minutesUsageTtlMs: 0 }, () => undefined);
  listener = listenForConfigChanges(t.url, service.cache, () => undefined);
  endpoint = await serveXmlCurl(service);
  await waitFor(async () => listener.connected(), 5_000);
});

afterAll(async () => {
  await endpoint?.close();
  await listener?.close();
  await t?.drop();
});

beforeEach(async () => {
  // Trips of the previous test may still be waiting to be written.
  await service.trips.flush();
  await t.db.callLimitTrip.deleteMany({});
  await t.db.callLimitNotice.deleteMany({});
  await t.db.tenantCallLimits.deleteMany({});
  await t.db.callLimitPolicy.deleteMany({});
  service.cache.markAllStale();
});

describe("limits in the dialplan answer", () => {
  it("an outbound call carries the tenant's rate and count limits; the other tenant's calls do not", async () => {
    await limits(tenantId, { outboundCallsPerSecond: 5, maxOutboundCalls: 20 });
    await waitFor(async () => (await call("030555")).includes("outbound-cps"));
    const body = await call("030555");
    expect(body).toContain('data="hash tenant1.example outbound-cps 5/1 sb-limit-cps XML tenant1.example"');
    expect(body).toContain('data="hash tenant1.example outbound-calls 20 sb-limit-concurrent XML tenant1.example"');
    expect(body).toContain("sofia/gateway/carrier-a/+4930555");
    const other = await call("030555", OTHER);
    expect(other).toContain("sofia/gateway/carrier-a/+4930555");
    expect(other).not.toMatch(/outbound-(cps|calls)/);
    // Internal calls never carry outbound limits.
    expect(await call("1002")).not.toMatch(/outbound-(cps|calls)/);
  });

  it("FreeSWITCH's over-limit transfer gets the limit's cause, and every one is a trip", async () => {
    await limits(tenantId, { outboundCallsPerSecond: 5, maxOutboundCalls: 20 });
    expect(await call("sb-limit-cps")).toContain('application="hangup" data="NORMAL_CIRCUIT_CONGESTION"');
    expect(await call("sb-limit-concurrent")).toContain('application="hangup" data="SWITCH_CONGESTION"');
    expect(await call("sb-limit-cps")).toContain("NORMAL_CIRCUIT_CONGESTION");
    await service.trips.flush();
    expect((await trips()).map((x) => [x.kind, x.extension])).toEqual([
      ["CPS", "1001"],
      ["CONCURRENT", "1001"],
      ["CPS", "1001"],
    ]);
    expect(await trips(otherId)).toEqual([]);
  });
});

describe("destinations and minutes decided by us", () => {
  it("international is barred by default with OUTGOING_CALL_BARRED (a trip each time, cached or not); the allow-list opens a prefix", async () => {
    expect(await call("0044207946")).toContain('data="OUTGOING_CALL_BARRED"');
    expect(await call("0044207946")).toContain('data="OUTGOING_CALL_BARRED"');
    await service.trips.flush();
    expect((await trips()).map((x) => [x.kind, x.destination])).toEqual([
      ["DESTINATION", "0044207946"],
      ["DESTINATION", "0044207946"],
    ]);

    await limits(tenantId, { allowedPrefixes: ["+44"] });
    await waitFor(async () => (await call("0044207946")).includes("sofia/gateway/carrier-a/0044207946"));
    expect(await call("0033123456")).toContain('data="OUTGOING_CALL_BARRED"');
    // The other tenant's allow-list is its own.
    expect(await call("0044207946", OTHER)).toContain('data="OUTGOING_CALL_BARRED"');
  });

  it("premium-rate numbers are barred as dialled and as sent to the trunk", async () => {
    expect(await call("09001234")).toContain('data="OUTGOING_CALL_BARRED"');
    await limits(tenantId, { allowPremium: true });
    await waitFor(async () => (await call("09001234")).includes("sofia/gateway/carrier-a/+499001234"));
  });

  it("a used-up daily cap (today's bill_sec in call_record) rejects with CALL_REJECTED, per tenant and per extension", async () => {
    const record = (domainId: string, extension: string, billSec: number, startedAt = new Date()) => {
      const uuid = randomUUID();
      return t.db.callRecord.create({
        data: {
          callUuid: uuid,
          leg: "a",
          domainId,
          aLegUuid: uuid,
          direction: "OUTBOUND",
          disposition: "ANSWERED",
          hangupCause: "NORMAL_CLEARING",
          callerNumber: extension,
          callerName: "",
          destinationNumber: "+4930555",
          extension,
          startedAt,
          endedAt: startedAt,
          durationSec: billSec,
          billSec,
          variables: {},
        },
      });
    };
    await record(tenantId, "1001", 300);
    await record(tenantId, "1002", 300);
    // Yesterday's minutes and the other tenant's do not count.
    await record(tenantId, "1001", 9_000, new Date(Date.now() - 36 * 3600_000));
    await record(otherId, "1001", 9_000);

    await limits(tenantId, { extensionDailyMinutes: 6 });
    await waitFor(async () => !(await call("030555")).includes("CALL_REJECTED"));
    await limits(tenantId, { extensionDailyMinutes: 5 });
    await waitFor(async () => (await call("030555")).includes('data="CALL_REJECTED"'));
    // 1002 has used 5 minutes too, but the cap is per extension: its own.
    expect(await call("030555", TENANT, "1003")).toContain("sofia/gateway/carrier-a/+4930555");
    await limits(tenantId, { tenantDailyMinutes: 11 });
    await waitFor(async () => !(await call("030555")).includes("CALL_REJECTED"));
    await service.trips.flush();
    expect(new Set((await trips()).map((x) => x.kind))).toEqual(new Set(["EXTENSION_MINUTES"]));
    await t.db.callLimitTrip.deleteMany({});
    // The cap reacts to new records without any edit (the answer cache keys on it).
    await record(tenantId, "1002", 60);
    expect(await call("030555")).toContain('data="CALL_REJECTED"');
    await service.trips.flush();
    expect((await trips()).map((x) => x.kind)).toEqual(["TENANT_MINUTES"]);
    expect(await call("030555", OTHER)).toContain("sofia/gateway/carrier-a/+4930555");
  });
});

describe("repeated trips", () => {
  it("N trips in M minutes: audit row, outbox event, a notice, and the automatic block when the platform enabled it", async () => {
    await setCallLimitPolicy(ctx, {
      autoBlockEnabled: true,
      tripThreshold: 3,
      tripWindowMinutes: 5,
      premiumPrefixes: [],
    });
    await limits(tenantId, { maxOutboundCalls: 2 });
    for (let i = 0; i < 3; i++) await call("sb-limit-concurrent");
    await service.trips.flush();

    const notices = await t.db.callLimitNotice.findMany({ where: { domainId: tenantId } });
    expect(notices).toMatchObject([{ trips: 3, windowMinutes: 5, kinds: ["CONCURRENT"], autoBlocked: true }]);
    const audit = await t.db.auditLog.findMany({ where: { domainId: tenantId, actorLabel: "system:call-limits" } });
    expect(audit.map((a) => a.action).sort()).toEqual(["call-limits.auto-block", "call-limits.tripped-repeatedly"]);
    const events = await t.db.outboxEvent.findMany({ where: { topic: "tenant.call-limits-tripped" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ domain: TENANT, trips: 3, autoBlocked: true });
    expect(await t.db.tenantCallLimits.findUnique({ where: { domainId: tenantId } })).toMatchObject({
      outboundBlocked: true,
      maxOutboundCalls: 2,
    });

    // The block reaches the cached answers at once; the other tenant keeps calling; 112-style
    // emergency numbers are not routed here, so a domestic call shows the block.
    await waitFor(async () => (await call("030555")).includes('data="OUTGOING_CALL_BARRED"'));
    expect(await call("030555", OTHER)).toContain("sofia/gateway/carrier-a/+4930555");

    // More trips in the same window: no second notice.
    await call("sb-limit-concurrent");
    await service.trips.flush();
    expect(await t.db.callLimitNotice.count({ where: { domainId: tenantId } })).toBe(1);

    // Lifting the block is a platform action, audited.
    await setOutboundBlock(ctx, { domainId: tenantId, blocked: false });
    await waitFor(async () => (await call("030555")).includes("sofia/gateway/carrier-a/+4930555"));
    expect(await t.db.auditLog.count({ where: { domainId: tenantId, action: "call-limits.unblock" } })).toBe(1);
  });

  it("with auto-block off (the default) the notice still comes, and calls keep flowing", async () => {
    await setCallLimitPolicy(ctx, {
      autoBlockEnabled: false,
      tripThreshold: 2,
      tripWindowMinutes: 5,
      premiumPrefixes: [],
    });
    await call("0044207946");
    await call("0044207946");
    await service.trips.flush();
    expect(await t.db.callLimitNotice.findMany({ where: { domainId: tenantId } })).toMatchObject([
      { trips: 2, kinds: ["DESTINATION"], autoBlocked: false },
    ]);
    expect(await t.db.tenantCallLimits.findUnique({ where: { domainId: tenantId } })).toBeNull();
    expect(await call("030555")).toContain("sofia/gateway/carrier-a/+4930555");
    expect(await t.db.callLimitNotice.count({ where: { domainId: otherId } })).toBe(0);
  });
});

describe("database outage", () => {
  it("a capped tenant keeps calling on the last good answer; the cap is then not applied, and says so", async () => {
    const own = await createTestDatabase();
    const { tenantId: ownTenant } = await seedSwitchboard(own.db);
    const logs: string[] = [];
    const isolated = new XmlCurlService(
      own.db,
      own.db,
      { ...defaultXmlCurlSettings, loadTimeoutMs: 1_000, minutesUsageTtlMs: 0 },
      (m) => logs.push(m),
    );
    const server = await serveXmlCurl(isolated);
    const ownCtx = { ...ctx, db: own.db };
    try {
      await setTenantCallLimits(ownCtx, { ...NO_LIMITS, domainId: ownTenant, tenantDailyMinutes: 100 });
      const invite = readSharedFixture("dialplan-sip-invite.body");
      const outbound = `Caller-Destination-Number=030555&Hunt-Destination-Number=030555&${invite}`;
      const good = await server.post(outbound, auth);
      expect(good.body).toContain("sofia/gateway/carrier-a/+4930555");

      await own.drop();
      const during = await server.post(outbound, auth);
      expect(during.status).toBe(200);
      expect(during.body).toBe(good.body);
      expect(logs.some((m) => m.includes("cap not applied"))).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe("the dialplan simulator", () => {
  it("shows which limit refused the call and why, and records no trip", async () => {
    await limits(tenantId, { tenantDailyMinutes: null, allowInternational: false });
    const barred = await simulateCall(t.db, TENANT, "1001", "0033123456");
    expect(barred.rule).toEqual({
      type: "limit",
      kind: "DESTINATION",
      reason: "international destinations are not allowed for this tenant (0033123456)",
    });
    expect(barred.xml).toContain('data="OUTGOING_CALL_BARRED"');
    await limits(tenantId, { outboundCallsPerSecond: 2 });
    const allowed = await simulateCall(t.db, TENANT, "1001", "030555");
    expect(allowed.actions).toContainEqual({
      app: "limit",
      data: "hash tenant1.example outbound-cps 2/1 sb-limit-cps XML tenant1.example",
    });
    await service.trips.flush();
    expect(await trips()).toEqual([]);
  });
});
