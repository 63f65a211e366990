import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRestHandler, type RestHandler } from "@/server/api/rest/handler";
import { createDomainApiToken } from "@/server/apiTokens/service";
import { parseEslEvent } from "@/server/cluster/esl/eslEvent";
import { createNode } from "@/server/cluster/nodes";
import { liveChangeOf, type LiveChange } from "@/server/liveState/liveChanges";
import { applyLiveOps } from "@/server/liveState/liveStore";
import type { TenantContext } from "@/server/tenancy/context";
import { callerAs, createUser } from "../../support/callers";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { frames, eventBytes, startFakeEventSocket, type FakeEventSocket } from "../../support/fakeEventSocket";
import { messagesOf, readOpsFixture } from "../../unit/liveState/opsFixtures";

// Tenant A (cap.example.com, the captured domain) has phones and a call up; tenant B must
// neither see nor hang up any of it, through tRPC or REST.

const CALL01_A = "87eb558d-98d8-49f2-a616-640392d6fd61";
const CALL01_B = "a5e15862-e724-45e8-bc92-01cb378a8f0c";
const BASE = "http://switchboard.test/api/v1";

let t: TestDatabase;
let fake: FakeEventSocket;
let api: RestHandler;
let domainA: { id: string; name: string };
let domainB: { id: string; name: string };
let adminA: Awaited<ReturnType<typeof callerAs>>;
let adminB: Awaited<ReturnType<typeof callerAs>>;
let platform: Awaited<ReturnType<typeof callerAs>>;
let tokenA: string;
let tokenB: string;
let nodeId: string;

const actor = { userId: null, tokenId: null, label: "test", ip: null };
const tenantCtx = (domain: { id: string; name: string }): TenantContext => ({
  db: t.db,
  actor,
  domain,
  role: "TENANT_ADMIN",
  extensionId: null,
});
const rest = (token: string, method: string, path: string) =>
  api(new Request(`${BASE}${path}`, { method, headers: { authorization: `Bearer ${token}` } }));
const kills = () => fake.commands.filter((c) => c.startsWith("api uuid_kill"));

/** The captured stream up to its HEARTBEAT: both phones registered, call 01 answered on both legs. */
function capturedChanges(): LiveChange[] {
  const stream = frames(eventBytes(readOpsFixture("events", "event_plain_stream.trimmed.esl")));
  const upToHeartbeat = stream.slice(
    0,
    stream.findIndex((f) => f.includes("Event-Name: HEARTBEAT")),
  );
  return messagesOf(Buffer.concat(upToHeartbeat))
    .map((m) => parseEslEvent(m))
    .map((e) => e && liveChangeOf(e, new Date()))
    .filter((c): c is LiveChange => c !== null);
}

beforeAll(async () => {
  t = await createTestDatabase();
  api = createRestHandler({ db: () => t.db, rateLimit: { perSecond: 1000, burst: 1000 } });
  platform = await callerAs(t.db, await createUser(t.db, "ops@itsp.example", { role: "PLATFORM_ADMIN" }));
  const limits = { maxExtensions: 5, maxConcurrentCalls: 5, allowTenantRoutes: false };
  const a = await platform.domains.create({ name: "cap.example.com", displayName: "Cap", ...limits });
  const b = await platform.domains.create({ name: "b.example.com", displayName: "B", ...limits });
  domainA = { id: a.id, name: a.name };
  domainB = { id: b.id, name: b.name };
  adminA = await callerAs(
    t.db,
    await createUser(t.db, "admin@cap.example.com", { role: "TENANT_ADMIN", domainId: a.id }),
  );
  adminB = await callerAs(
    t.db,
    await createUser(t.db, "admin@b.example.com", { role: "TENANT_ADMIN", domainId: b.id }),
  );
  tokenA = (await createDomainApiToken(tenantCtx(domainA), { name: "a" })).token;
  tokenB = (await createDomainApiToken(tenantCtx(domainB), { name: "b" })).token;
  fake = await startFakeEventSocket("ClueCon", {
    // The b-leg is gone on the node already (the captured reply to a uuid it does not have).
    [`uuid_kill ${CALL01_B}`]: readOpsFixture("esl", "api_13_uuid_kill_nonexistent.esl"),
    uuid_kill: readOpsFixture("esl", "api_12_uuid_kill.esl"),
  });
  const { node } = await createNode(
    { db: t.db, actor },
    { hostname: "vm", sipAddress: "127.0.0.1", eslHost: "127.0.0.1", eslPort: fake.port, eslPassword: "ClueCon" },
  );
  nodeId = node.id;
  await applyLiveOps(
    t.db,
    nodeId,
    capturedChanges().map((change) => ({ kind: "change", change })),
  );
});

afterAll(async () => {
  await fake?.close();
  await t.drop();
});

describe("live state isolation", () => {
  it("shows tenant A its phones and its call, one row per call", async () => {
    const phones = await adminA.liveState.registrations({ domainId: domainA.id });
    expect(phones.items.map((r) => [r.user, r.userAgent, r.node.hostname])).toEqual([
      ["1001", "sipp-capture", "vm"],
      ["1002", "sipp-capture", "vm"],
    ]);
    const calls = await adminA.liveState.liveCalls({ domainId: domainA.id });
    expect(calls.total).toBe(1);
    expect(calls.items[0]).toMatchObject({ uuid: CALL01_A, callerNumber: "1001", destinationNumber: "1002", legs: 2 });
  });

  it("shows tenant B nothing of A, and refuses B a look into A's domain (tRPC)", async () => {
    expect((await adminB.liveState.registrations({ domainId: domainB.id })).items).toEqual([]);
    expect((await adminB.liveState.liveCalls({ domainId: domainB.id })).items).toEqual([]);
    // Another tenant's domain does not exist for B (no hint that it does).
    await expect(adminB.liveState.registrations({ domainId: domainA.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(adminB.liveState.liveCalls({ domainId: domainA.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("does not let tenant B hang up A's call: not found, and nothing reaches the node (tRPC)", async () => {
    await expect(adminB.liveState.hangup({ domainId: domainB.id, uuid: CALL01_A })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(adminB.liveState.hangup({ domainId: domainA.id, uuid: CALL01_A })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(kills()).toEqual([]);
  });

  it("does the same over REST", async () => {
    const list = await rest(tokenB, "GET", `/domains/${domainB.id}/live-calls`);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
    const phones = await rest(tokenB, "GET", `/domains/${domainB.id}/registrations`);
    expect(((await phones.json()) as { items: unknown[] }).items).toEqual([]);
    expect((await rest(tokenB, "GET", `/domains/${domainA.id}/live-calls`)).status).toBe(404);
    expect((await rest(tokenB, "GET", `/domains/${domainA.id}/registrations`)).status).toBe(404);
    expect((await rest(tokenB, "POST", `/domains/${domainB.id}/live-calls/${CALL01_A}/hangup`)).status).toBe(404);
    expect((await rest(tokenB, "POST", `/domains/${domainA.id}/live-calls/${CALL01_A}/hangup`)).status).toBe(404);
    expect((await rest(tokenB, "GET", `/live-calls`)).status).toBe(403);
    expect(kills()).toEqual([]);
    const mine = await rest(tokenA, "GET", `/domains/${domainA.id}/registrations`);
    expect(((await mine.json()) as { total: number }).total).toBe(2);
  });

  it("rejects a uuid that is not one before it could reach an ESL command", async () => {
    await expect(
      adminA.liveState.hangup({ domainId: domainA.id, uuid: `${CALL01_A}\napi shutdown` }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await rest(tokenA, "POST", `/domains/${domainA.id}/live-calls/x%20y/hangup`)).status).toBe(422);
  });

  it("filters the platform view by tenant", async () => {
    expect((await platform.liveState.platform.liveCalls({ domainId: domainB.id })).total).toBe(0);
    expect((await platform.liveState.platform.registrations({ domainId: domainA.id })).total).toBe(2);
    expect((await platform.liveState.platform.liveCalls({})).items.map((c) => c.domain?.name)).toEqual([
      "cap.example.com",
    ]);
  });

  it("lets tenant A hang up its own call: uuid_kill on the node, audited, gone from the list", async () => {
    const result = await adminA.liveState.hangup({ domainId: domainA.id, uuid: CALL01_A });
    expect(result).toEqual({ uuid: CALL01_A, result: "hung-up" });
    expect(kills()).toEqual([`api uuid_kill ${CALL01_A}`]);
    expect((await adminA.liveState.liveCalls({ domainId: domainA.id })).items.map((c) => c.uuid)).not.toContain(
      CALL01_A,
    );
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "call.hangup" } });
    expect(audit).toMatchObject({ domainId: domainA.id, entityId: CALL01_A, actorLabel: "admin@cap.example.com" });
  });

  it("lets the platform hang up any leg, and says so when the node no longer has it", async () => {
    await expect(
      platform.liveState.platform.hangup({ uuid: "00000000-0000-0000-0000-000000000000" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await platform.liveState.platform.hangup({ uuid: CALL01_B })).toEqual({
      uuid: CALL01_B,
      result: "already-ended",
    });
    expect(kills()).toEqual([`api uuid_kill ${CALL01_A}`, `api uuid_kill ${CALL01_B}`]);
    // A stale row is dropped; nothing was hung up, so nothing is audited.
    expect(await t.db.liveChannel.count({ where: { uuid: CALL01_B } })).toBe(0);
    expect(await t.db.auditLog.count({ where: { action: "call.hangup", entityId: CALL01_B } })).toBe(0);
  });
});
