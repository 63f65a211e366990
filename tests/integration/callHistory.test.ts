import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleCallHistoryCsv } from "@/server/api/callHistoryCsv";
import { createRestHandler, type RestHandler } from "@/server/api/rest/handler";
import { createDomainApiToken, createPlatformApiToken } from "@/server/apiTokens/service";
import type { CallRow } from "@/server/callRecords/history";
import type { PlatformContext, TenantContext } from "@/server/tenancy/context";
import { callerAs, createUser } from "../support/callers";
import { insertCalls } from "../support/callRecords";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createTwoTenants } from "../support/twoTenants";

let t: TestDatabase;
let fx: Awaited<ReturnType<typeof createTwoTenants>>;
let adminB: Awaited<ReturnType<typeof callerAs>>;
let user1002: Awaited<ReturnType<typeof callerAs>>;
let adminBId: string;
let user1002Id: string;
let rest: RestHandler;
let tokens: { a: string; b: string; platform: string };
let nodeId: string;

const HOUR = 3_600_000;
const now = Date.now();
const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR);
const calls: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  const fixture = await createTwoTenants(t.db, { adminB: true });
  fx = fixture;
  ({ adminBId, adminB } = fixture);
  for (const number of ["1001", "1002", "1003"])
    await fx.adminA.extensions.create({ domainId: fx.domainA, number, displayName: `Ext ${number}` });
  const ext1002 = await t.db.extension.findFirstOrThrow({ where: { domainId: fx.domainA, number: "1002" } });
  user1002Id = await createUser(t.db, "user1002@a.example.com", {
    role: "TENANT_USER",
    domainId: fx.domainA,
    extensionId: ext1002.id,
  });
  user1002 = await callerAs(t.db, user1002Id);
  nodeId = (
    await t.db.telephonyNode.create({
      data: {
        hostname: "fs-node-07",
        sipAddress: "192.0.2.7",
        eslHost: "192.0.2.7",
        eslPasswordEnc: "x",
        xmlCurlUser: "fs-node-07",
        xmlCurlSecretHash: "x",
      },
    })
  ).id;

  const A = fx.domainA;
  const [internal, busy, outbound, inbound, unregistered, inB, unknown, formula] = await insertCalls(t.db, [
    {
      domainId: A,
      startedAt: at(1),
      callerNumber: "1001",
      callerName: "Cap 1001",
      destinationNumber: "1002",
      extension: "1001",
      nodeId,
      billSec: 3,
      bLegs: [{ extension: "1002" }],
    },
    {
      domainId: A,
      startedAt: at(2),
      callerNumber: "1001",
      callerName: "Cap 1001",
      destinationNumber: "1002",
      extension: "1001",
      disposition: "BUSY",
      hangupCause: "USER_BUSY",
      bLegs: [{ extension: "1002" }],
    },
    {
      domainId: A,
      startedAt: at(3),
      callerNumber: "1001",
      callerName: "Cap 1001",
      destinationNumber: "12125551234",
      extension: "1001",
      direction: "OUTBOUND",
      billSec: 60,
      // The gateway b-leg carries no domain: it stays the platform's.
      bLegs: [{ domainId: null }],
    },
    {
      domainId: A,
      startedAt: at(4),
      callerNumber: "+15550001111",
      callerName: "Carrier",
      destinationNumber: "15557770001",
      extension: "1002",
      direction: "INBOUND",
      billSec: 10,
      bLegs: [{ destinationNumber: "1002" }],
    },
    {
      domainId: A,
      startedAt: at(5),
      callerNumber: "1001",
      callerName: "Cap 1001",
      destinationNumber: "1003",
      extension: "1001",
      disposition: "FAILED",
      hangupCause: "USER_NOT_REGISTERED",
    },
    // Tenant B uses the same extension numbers: a search in A must never find these.
    { domainId: fx.domainB, startedAt: at(1.5), callerNumber: "1001", destinationNumber: "1002", extension: "1001" },
    { domainId: null, startedAt: at(2.5), callerNumber: "1001", destinationNumber: "1002", hangupCause: "NO_ANSWER" },
    {
      domainId: A,
      startedAt: at(50),
      callerNumber: "+15559998888",
      callerName: '=HYPERLINK("http://evil.example","x")',
      destinationNumber: "1001",
      extension: "1001",
      direction: "INBOUND",
      disposition: "NO_ANSWER",
      hangupCause: "NO_ANSWER",
    },
  ]);
  Object.assign(calls, { internal, busy, outbound, inbound, unregistered, inB, unknown, formula });

  rest = createRestHandler({ db: () => t.db, rateLimit: { perSecond: 1000, burst: 1000 } });
  const platformCtx: PlatformContext = { db: t.db, actor: { userId: null, tokenId: null, label: "test", ip: null } };
  const tenantCtx = (id: string, name: string): TenantContext => ({
    ...platformCtx,
    domain: { id, name },
    role: "TENANT_ADMIN",
    extensionId: null,
  });
  tokens = {
    platform: (await createPlatformApiToken(platformCtx, { name: "billing" })).token,
    a: (await createDomainApiToken(tenantCtx(fx.domainA, "a.example.com"), { name: "crm-a" })).token,
    b: (await createDomainApiToken(tenantCtx(fx.domainB, "b.example.com"), { name: "crm-b" })).token,
  };
});

afterAll(async () => {
  await t.drop();
});

const ids = (rows: CallRow[]) => rows.map((r) => r.callId);

describe("tenant call history", () => {
  it("lists one row per call, newest first, with the hangup cause in words", async () => {
    const page = await fx.adminA.callRecords.list({ domainId: fx.domainA });
    expect(ids(page.items)).toEqual([
      calls.internal,
      calls.busy,
      calls.outbound,
      calls.inbound,
      calls.unregistered,
      calls.formula,
    ]);
    expect(page.nextCursor).toBeNull();
    const busy = page.items[1]!;
    expect(busy).toMatchObject({ disposition: "BUSY", hangupCause: "USER_BUSY", hangupText: "The callee was busy" });
    expect(page.items[0]).toMatchObject({ node: "fs-node-07", tenant: "a.example.com", billSec: 3 });
  });

  it("filters by direction, disposition, date range, number prefix, name and extension", async () => {
    const list = (filters: Record<string, unknown>) =>
      fx.adminA.callRecords.list({ domainId: fx.domainA, ...filters }).then((p) => ids(p.items));
    expect(await list({ direction: "OUTBOUND" })).toEqual([calls.outbound]);
    expect(await list({ disposition: "FAILED" })).toEqual([calls.unregistered]);
    expect(await list({ from: at(3.5).toISOString(), to: at(1.5).toISOString() })).toEqual([
      calls.busy,
      calls.outbound,
    ]);
    // Whole days: 50 hours ago is never the day of the calls 1–5 hours ago.
    const day = at(50).toISOString().slice(0, 10);
    expect(await list({ from: day, to: day })).toEqual([calls.formula]);
    // Prefix of the dialled number, with or without +; and the caller's stored "+1555…".
    expect(await list({ search: "1212" })).toEqual([calls.outbound]);
    expect(await list({ search: "+12125" })).toEqual([calls.outbound]);
    expect(await list({ search: "+1 (212) 555-12" })).toEqual([calls.outbound]);
    expect(await list({ search: "1555000" })).toEqual([calls.inbound]);
    expect(await list({ search: "carr" })).toEqual([calls.inbound]);
    expect(await list({ search: "5551234" })).toEqual([]);
    // An extension's calls: as caller, as the dialled number, or only on a b-leg / the DID's extension.
    expect(await list({ extension: "1002" })).toEqual([calls.internal, calls.busy, calls.inbound]);
    expect(await list({ extension: "1003" })).toEqual([calls.unregistered]);
    expect(await list({ search: "1001", disposition: "ANSWERED", direction: "INTERNAL" })).toEqual([calls.internal]);
  });

  it("rejects malformed filters with a clear error", async () => {
    await expect(
      fx.adminA.callRecords.list({ domainId: fx.domainA, direction: "SIDEWAYS" as never }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(fx.adminA.callRecords.list({ domainId: fx.domainA, cursor: "page-2" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("shows both legs of a call; the a-leg-only call has one", async () => {
    const detail = await fx.adminA.callRecords.get({ domainId: fx.domainA, callId: calls.internal! });
    expect(detail.legs.map((l) => l.leg)).toEqual(["a", "b"]);
    expect(detail.legs.map((l) => l.extension)).toEqual(["1001", "1002"]);
    expect(detail.call).toMatchObject({ callId: calls.internal, hangupText: "The call ended normally" });
    expect(detail.legs[0]!.variables).toEqual({ sip_hangup_disposition: "send_bye" });
    const single = await fx.adminA.callRecords.get({ domainId: fx.domainA, callId: calls.unregistered! });
    expect(single.legs).toHaveLength(1);
    expect(single.call.hangupText).toBe("The called phone is not registered (offline)");
    // The gateway b-leg has no tenant: the tenant sees its own a-leg only.
    const outbound = await fx.adminA.callRecords.get({ domainId: fx.domainA, callId: calls.outbound! });
    expect(outbound.legs.map((l) => l.leg)).toEqual(["a"]);
  });

  it("pages with a cursor through many calls, ties included, without gaps or repeats", async () => {
    const base = now - 200 * HOUR;
    // 120 calls, three per instant, so the id has to break ties.
    const many = await insertCalls(
      t.db,
      Array.from({ length: 120 }, (_, i) => ({
        domainId: fx.domainB,
        startedAt: new Date(base + Math.floor(i / 3) * 60_000),
        callerNumber: "2001",
        destinationNumber: `2${String(i).padStart(3, "0")}`,
      })),
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await adminB.callRecords.list({
        domainId: fx.domainB,
        to: new Date(base + HOUR).toISOString(),
        pageSize: 25,
        cursor,
      });
      seen.push(...ids(page.items));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(120);
    expect(new Set(seen)).toEqual(new Set(many));
  });
});

describe("isolation", () => {
  it("tenant B cannot list or open tenant A's calls; A never sees B's or the platform's", async () => {
    await expect(adminB.callRecords.list({ domainId: fx.domainA })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(adminB.callRecords.get({ domainId: fx.domainA, callId: calls.internal! })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // Naming A's call under B's own domain finds nothing either.
    await expect(adminB.callRecords.get({ domainId: fx.domainB, callId: calls.internal! })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(fx.adminA.callRecords.get({ domainId: fx.domainA, callId: calls.unknown! })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const aSearch = await fx.adminA.callRecords.list({ domainId: fx.domainA, search: "1001", pageSize: 200 });
    expect(ids(aSearch.items)).not.toContain(calls.inB);
    expect(ids(aSearch.items)).not.toContain(calls.unknown);
    await expect(fx.adminA.callRecords.platform.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("an end user sees only the calls of their own extension", async () => {
    const mine = await user1002.callRecords.list({ domainId: fx.domainA });
    expect(ids(mine.items)).toEqual([calls.internal, calls.busy, calls.inbound]);
    // Filters narrow within their calls, never widen beyond them.
    const widened = await user1002.callRecords.list({ domainId: fx.domainA, extension: "1001" });
    expect(ids(widened.items)).toEqual([calls.internal, calls.busy]);
    expect((await user1002.callRecords.get({ domainId: fx.domainA, callId: calls.inbound! })).legs).toHaveLength(2);
    await expect(user1002.callRecords.get({ domainId: fx.domainA, callId: calls.outbound! })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(user1002.callRecords.stats({ domainId: fx.domainA })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("the platform sees every tenant and the calls of no tenant", async () => {
    const all = await fx.platform.callRecords.platform.list({ pageSize: 200, from: at(6).toISOString() });
    expect(ids(all.items)).toEqual(expect.arrayContaining([calls.internal, calls.inB, calls.unknown, calls.outbound]));
    const unknown = await fx.platform.callRecords.platform.list({ unattributed: true });
    expect(ids(unknown.items)).toEqual([calls.unknown]);
    expect(unknown.items[0]).toMatchObject({ tenant: null, hangupText: "Nobody answered" });
    const onlyB = await fx.platform.callRecords.platform.list({ domainId: fx.domainB, from: at(6).toISOString() });
    expect(ids(onlyB.items)).toEqual([calls.inB]);
    const outbound = await fx.platform.callRecords.platform.get({ callId: calls.outbound! });
    expect(outbound.legs.map((l) => [l.leg, l.domainId])).toEqual([
      ["a", fx.domainA],
      ["b", null],
    ]);
  });
});

describe("REST", () => {
  const get = async (token: string, path: string) => {
    const res = await rest(
      new Request(`http://switchboard.test/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } }),
    );
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it("lists, pages and opens a tenant's calls with its own token only", async () => {
    const list = await get(tokens.a, `/domains/${fx.domainA}/call-records?pageSize=2&direction=INTERNAL`);
    expect(list.status).toBe(200);
    const items = list.body.items as { callId: string; id: string }[];
    expect(items.map((i) => i.callId)).toEqual([calls.internal, calls.busy]);
    expect(typeof items[0]!.id).toBe("string");
    const next = await get(
      tokens.a,
      `/domains/${fx.domainA}/call-records?pageSize=2&direction=INTERNAL&cursor=${encodeURIComponent(String(list.body.nextCursor))}`,
    );
    expect((next.body.items as { callId: string }[]).map((i) => i.callId)).toEqual([calls.unregistered]);
    const detail = await get(tokens.a, `/domains/${fx.domainA}/call-records/${calls.busy}`);
    expect(detail.status).toBe(200);
    expect((detail.body.legs as unknown[]).length).toBe(2);
    expect((await get(tokens.a, `/domains/${fx.domainA}/call-stats`)).status).toBe(200);

    expect((await get(tokens.b, `/domains/${fx.domainA}/call-records`)).status).toBe(404);
    expect((await get(tokens.b, `/domains/${fx.domainA}/call-records/${calls.busy}`)).status).toBe(404);
    expect((await get(tokens.b, `/domains/${fx.domainB}/call-records/${calls.busy}`)).status).toBe(404);
    expect((await get(tokens.b, `/domains/${fx.domainA}/call-stats`)).status).toBe(404);
    expect((await get(tokens.a, `/call-records`)).status).toBe(403);
    expect((await get(tokens.a, `/domains/${fx.domainA}/call-records?disposition=MAYBE`)).status).toBe(422);
  });

  it("serves the platform-wide list, detail and stats to a platform token", async () => {
    const list = await get(tokens.platform, `/call-records?unattributed=true`);
    expect((list.body.items as { callId: string }[]).map((i) => i.callId)).toEqual([calls.unknown]);
    expect((await get(tokens.platform, `/call-records/${calls.inB}`)).status).toBe(200);
    expect((await get(tokens.platform, `/call-stats`)).status).toBe(200);
  });
});

describe("CSV export", () => {
  const session = async (userId: string) =>
    `next-auth.session-token=${await encode({ token: { sub: userId }, secret: process.env.NEXTAUTH_SECRET! })}`;
  const download = (path: string, headers: Record<string, string>, domainId: string | null) =>
    handleCallHistoryCsv(new NextRequest(`http://switchboard.test${path}`, { headers }), domainId, t.db);
  const csvPath = (domainId: string, query = "") => `/api/v1/domains/${domainId}/call-records.csv${query}`;

  it("streams the tenant's filtered calls to its admin, formulas escaped", async () => {
    const res = await download(csvPath(fx.domainA), { cookie: await session(fx.adminAId) }, fx.domainA);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="calls-a\.example\.com-/);
    const parsed = Papa.parse<Record<string, string>>(await res.text(), { header: true, skipEmptyLines: true });
    expect(parsed.data.map((r) => r.call_id)).toEqual([
      calls.internal,
      calls.busy,
      calls.outbound,
      calls.inbound,
      calls.unregistered,
      calls.formula,
    ]);
    expect(parsed.data[1]).toMatchObject({ hangup_cause: "USER_BUSY", hangup_reason: "The callee was busy" });
    expect(parsed.data[5]!.caller_name).toBe(`'=HYPERLINK("http://evil.example","x")`);
    // E.164 numbers stay numbers.
    expect(parsed.data[5]!.caller_number).toBe("+15559998888");

    const filtered = await download(
      csvPath(fx.domainA, "?disposition=BUSY"),
      { cookie: await session(fx.adminAId) },
      fx.domainA,
    );
    expect((await filtered.text()).trim().split("\n")).toHaveLength(2);
  });

  it("answers another tenant, a stranger and bad filters the way the API does", async () => {
    expect((await download(csvPath(fx.domainA), { cookie: await session(adminBId) }, fx.domainA)).status).toBe(404);
    expect((await download(csvPath(fx.domainA), { authorization: `Bearer ${tokens.b}` }, fx.domainA)).status).toBe(404);
    expect((await download(csvPath(fx.domainA), {}, fx.domainA)).status).toBe(401);
    expect((await download(csvPath(fx.domainA), { authorization: "Bearer sb_nope" }, fx.domainA)).status).toBe(401);
    expect((await download("/api/v1/call-records.csv", { cookie: await session(fx.adminAId) }, null)).status).toBe(403);
    const bad = await download(
      csvPath(fx.domainA, "?from=yesterday"),
      { cookie: await session(fx.adminAId) },
      fx.domainA,
    );
    expect(bad.status).toBe(422);
  });

  it("gives an end user only their own calls, and the platform every tenant's", async () => {
    const mine = await download(csvPath(fx.domainA), { cookie: await session(user1002Id) }, fx.domainA);
    const rows = Papa.parse<Record<string, string>>(await mine.text(), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.call_id)).toEqual([calls.internal, calls.busy, calls.inbound]);

    const platform = await download(
      `/api/v1/call-records.csv?unattributed=true`,
      { authorization: `Bearer ${tokens.platform}` },
      null,
    );
    const all = Papa.parse<Record<string, string>>(await platform.text(), { header: true, skipEmptyLines: true }).data;
    expect(all.map((r) => [r.call_id, r.tenant])).toEqual([[calls.unknown, ""]]);
  });

  it("streams a large export in pages instead of one buffer", async () => {
    const base = now - 400 * HOUR;
    await insertCalls(
      t.db,
      Array.from({ length: 5000 }, (_, i) => ({
        domainId: fx.domainB,
        startedAt: new Date(base + i * 1000),
        callerNumber: "3001",
        destinationNumber: `3${i}`,
      })),
    );
    const res = await download(
      csvPath(fx.domainB, `?search=3001&to=${encodeURIComponent(new Date(base + 2 * HOUR).toISOString())}`),
      { authorization: `Bearer ${tokens.b}` },
      fx.domainB,
    );
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let chunks = 0;
    let text = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      text += decoder.decode(value, { stream: true });
    }
    // 5000 rows at 2000 per page: three database pages, three chunks.
    expect(chunks).toBe(3);
    const lines = text.trim().split("\n");
    expect(lines).toHaveLength(5001);
    expect(lines[1]).toContain(`,3${4999},`);
  });
});

describe("dashboard stats", () => {
  it("counts a tenant's last 24 hours per hour, with ASR and average duration", async () => {
    const stats = await fx.adminA.callRecords.stats({ domainId: fx.domainA });
    expect(stats.hourly).toHaveLength(24);
    // Calls 1–5 hours ago: internal (3 s), busy, outbound (60 s), inbound (10 s), unregistered.
    expect(stats.calls).toBe(5);
    expect(stats.answered).toBe(3);
    expect(stats.asr).toBeCloseTo(3 / 5);
    expect(stats.averageDurationSec).toBeCloseTo((3 + 60 + 10) / 3);
    expect(stats.hourly.reduce((s, h) => s + h.unanswered, 0)).toBe(2);
  });

  it("charts the platform's concurrent calls per node from the node samples", async () => {
    const sampledAt = new Date(Math.floor((now - 2 * HOUR) / 600_000) * 600_000 + 20_000);
    await t.db.nodeLoadSample.createMany({
      data: [
        { nodeId, sampledAt, activeCalls: 4 },
        { nodeId, sampledAt: new Date(sampledAt.getTime() + 20_000), activeCalls: 9 },
        { nodeId, sampledAt: new Date(now - 30 * HOUR), activeCalls: 50 },
      ],
    });
    const stats = await fx.platform.callRecords.platform.stats();
    expect(stats.nodes).toEqual([{ id: nodeId, hostname: "fs-node-07" }]);
    // Every 10 minutes of the last 24 hours; the peak of the step's samples, a gap where the node sent none.
    expect(stats.concurrency).toHaveLength(145);
    const bin = sampledAt.getTime() - 20_000;
    const reported = stats.concurrency.filter((p) => p.calls[nodeId] !== null);
    expect(reported).toEqual([{ at: new Date(bin), calls: { [nodeId]: 9 } }]);
    // Every call in the last 24 hours, the unattributed one and tenant B's included.
    expect(stats.calls).toBe(7);
  });

  it("charts a tenant's own calls in progress per node from its records", async () => {
    // Half an hour on the node from a 10-minute mark on: in progress at exactly three instants.
    const start = new Date(Math.floor((now - 3 * HOUR) / 600_000) * 600_000);
    await insertCalls(t.db, [
      {
        domainId: fx.domainB,
        startedAt: start,
        callerNumber: "2001",
        destinationNumber: "2002",
        nodeId,
        billSec: 1790,
        durationSec: 1800,
      },
    ]);
    const stats = await adminB.callRecords.stats({ domainId: fx.domainB });
    const onNode = stats.concurrency.filter((p) => p.calls[nodeId] === 1).map((p) => p.at.getTime());
    expect(onNode).toEqual([start.getTime(), start.getTime() + 600_000, start.getTime() + 1_200_000]);
    expect(stats.concurrency.filter((p) => p.calls[nodeId] === 0)).toHaveLength(145 - 3);
    expect(stats.nodes.find((n) => n.id === nodeId)?.hostname).toBe("fs-node-07");
  });
});
