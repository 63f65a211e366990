import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEslEvent } from "@/server/cluster/esl/eslEvent";
import { createNode } from "@/server/cluster/nodes";
import { liveChangeOf, type LiveChange } from "@/server/liveState/liveChanges";
import { applyLiveOps } from "@/server/liveState/liveStore";
import { callerAs, createUser } from "../../support/callers";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { frames, eventBytes } from "../../support/fakeEventSocket";
import { messagesOf, readOpsFixture } from "../../unit/liveState/opsFixtures";

// The captured event stream of a real FreeSWITCH (two phones register on cap.example.com,
// 1001 calls 1002 twice) becomes call and phone webhook events, written in the live
// store's own transaction.

const CALL01_A = "87eb558d-98d8-49f2-a616-640392d6fd61";
const CALL02_A = "8da8cf52-bace-4780-b1a6-87be1d8cce73";
const actor = { userId: null, tokenId: null, label: "test", ip: null };

let t: TestDatabase;
let domainId: string;
let nodeId: string;

function capturedStream(): { beforeHeartbeat: LiveChange[]; after: LiveChange[] } {
  const stream = frames(eventBytes(readOpsFixture("events", "event_plain_stream.trimmed.esl")));
  const cut = stream.findIndex((f) => f.includes("Event-Name: HEARTBEAT"));
  const changes = (part: Buffer[]) =>
    messagesOf(Buffer.concat(part))
      .map((m) => parseEslEvent(m))
      .map((e) => e && liveChangeOf(e, new Date()))
      .filter((c): c is LiveChange => c !== null);
  return { beforeHeartbeat: changes(stream.slice(0, cut)), after: changes(stream.slice(cut)) };
}

const apply = (changes: LiveChange[]) =>
  applyLiveOps(
    t.db,
    nodeId,
    changes.map((change) => ({ kind: "change", change })),
  );

const liveEvents = async () =>
  (
    await t.db.outboxEvent.findMany({
      where: { topic: { startsWith: "call." } },
      orderBy: { id: "asc" },
    })
  ).concat(await t.db.outboxEvent.findMany({ where: { topic: { startsWith: "phone." } }, orderBy: { id: "asc" } }));

beforeAll(async () => {
  t = await createTestDatabase();
  const platform = await callerAs(t.db, await createUser(t.db, "ops@itsp.example", { role: "PLATFORM_ADMIN" }));
  const limits = { maxExtensions: 5, maxConcurrentCalls: 5, allowTenantRoutes: false };
  domainId = (await platform.domains.create({ name: "cap.example.com", displayName: "Cap", ...limits })).id;
  nodeId = (
    await createNode(
      { db: t.db, actor },
      { hostname: "vm", sipAddress: "127.0.0.1", eslHost: "127.0.0.1", eslPort: 8021, eslPassword: "ClueCon" },
    )
  ).node.id;
});

afterAll(async () => {
  await t.drop();
});

describe("call and phone webhook events from a node's event stream", () => {
  it("writes none while no enabled endpoint subscribes to them", async () => {
    const { beforeHeartbeat } = capturedStream();
    await apply(beforeHeartbeat);
    expect(await liveEvents()).toEqual([]);
    // Start over, so the stream below is news again.
    await t.db.registration.deleteMany();
    await t.db.liveChannel.deleteMany();
  });

  it("turns the captured call into started → answered → ended for the a-leg, and new bindings into phone.registered", async () => {
    await t.db.webhookEndpoint.create({
      data: {
        domainId,
        url: "https://hooks.example/in",
        secretEnc: "v1:unused",
        events: ["call.started", "call.answered", "call.ended", "phone.registered", "phone.unregistered"],
      },
    });
    const { beforeHeartbeat, after } = capturedStream();
    await apply(beforeHeartbeat);
    // The same registrations again (a phone refreshing) are not news.
    await apply(beforeHeartbeat.filter((c) => c.kind === "register"));
    await apply(after);

    const events = await liveEvents();
    const calls = events.filter((e) => e.topic.startsWith("call."));
    // Two calls in the capture, each one a-leg: its b-leg's events are not calls of their own.
    const byCall = (uuid: string) =>
      calls.filter((e) => (e.payload as { callUuid: string }).callUuid === uuid).map((e) => e.topic);
    expect(calls).toHaveLength(6);
    expect(byCall(CALL01_A)).toEqual(["call.started", "call.answered", "call.ended"]);
    expect(byCall(CALL02_A)).toEqual(["call.started", "call.answered", "call.ended"]);
    for (const e of calls) {
      expect(e.payload).toMatchObject({ domainId, callerNumber: "1001", destinationNumber: "1002" });
    }
    expect(calls.filter((e) => e.topic === "call.ended").map((e) => e.payload)).toEqual([
      expect.objectContaining({ answered: true }),
      expect.objectContaining({ answered: true }),
    ]);
    const phones = events.filter((e) => e.topic === "phone.registered");
    expect(phones.map((e) => (e.payload as { user: string }).user).sort()).toEqual(["1001", "1002"]);
    expect(phones.every((e) => (e.payload as { domainId: string }).domainId === domainId)).toBe(true);
  });
});
