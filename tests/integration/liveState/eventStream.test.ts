import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNode, listNodes } from "@/server/cluster/nodes";
import { LiveStateSupervisor } from "@/server/liveState/liveStateSupervisor";
import type { PlatformContext } from "@/server/tenancy/context";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { eventually } from "../../support/eventually";
import { eventBytes, frames, startFakeEventSocket, type FakeEventSocket } from "../../support/fakeEventSocket";
import { readOpsFixture } from "../../unit/liveState/opsFixtures";

// The captured event streams replayed through a fake event socket into the real worker code
// and a real database: what the portal reads is what the node said.

const CALL01 = ["87eb558d-98d8-49f2-a616-640392d6fd61", "a5e15862-e724-45e8-bc92-01cb378a8f0c"];
const CALL07 = ["8da8cf52-bace-4780-b1a6-87be1d8cce73", "c3450d76-b713-43d0-85d7-6a22c68422e5"];
const HEARTBEAT_TIMEOUT_MS = 1500;

let t: TestDatabase;
let fake: FakeEventSocket;
let supervisor: LiveStateSupervisor;
let nodeId: string;
let domainId: string;
let ctx: PlatformContext;
const errors: string[] = [];
const replies = {
  "sofia xmlstatus profile internal reg": readOpsFixture("esl", "api_02_sofia_xmlstatus_profile_internal_reg.esl"),
  "show channels as json": readOpsFixture("esl", "api_03_show_channels_as_json.esl"),
};
const plainStream = frames(eventBytes(readOpsFixture("events", "event_plain_stream.trimmed.esl")));
const frameIndex = (name: string, from = 0) =>
  plainStream.findIndex((f, i) => i >= from && f.toString("utf8").includes(`Event-Name: ${name}`));

const startSupervisor = () =>
  new LiveStateSupervisor(t.db, {
    databaseUrl: t.url,
    heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS,
    refreshMs: 200,
    stream: { flushMs: 20 },
    onError: (where, e) => errors.push(`${where}: ${e instanceof Error ? e.message : String(e)}`),
  });

const registrations = () =>
  t.db.registration.findMany({
    where: { nodeId },
    orderBy: { user: "asc" },
    select: { user: true, domainId: true, userAgent: true, contact: true },
  });
const channelUuids = async () =>
  (await t.db.liveChannel.findMany({ where: { nodeId }, orderBy: { uuid: "asc" } })).map((c) => c.uuid);

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = { db: t.db, actor: { userId: null, tokenId: null, label: "test", ip: null } };
  domainId = (await t.db.domain.create({ data: { name: "cap.example.com", displayName: "Cap" } })).id;
  fake = await startFakeEventSocket("ClueCon", replies);
  const { node } = await createNode(ctx, {
    hostname: "vm",
    sipAddress: "127.0.0.1",
    eslHost: "127.0.0.1",
    eslPort: fake.port,
    eslPassword: "ClueCon",
  });
  nodeId = node.id;
  supervisor = startSupervisor();
  supervisor.start();
});

afterAll(async () => {
  await supervisor?.stop();
  await fake?.close();
  await t.drop();
});

describe("live state from a node's event socket", () => {
  it("subscribes like the capture and resyncs phones and calls from the node on connect", async () => {
    await eventually(async () => expect(fake.commands.length).toBeGreaterThanOrEqual(3));
    expect(fake.subscriptions()).toBe(1);
    expect(fake.commands.slice(0, 3)).toEqual([
      "event plain HEARTBEAT CHANNEL_CREATE CHANNEL_ANSWER CHANNEL_BRIDGE CHANNEL_HANGUP_COMPLETE CUSTOM sofia::register sofia::unregister sofia::expire",
      "api sofia xmlstatus profile internal reg",
      "api show channels as json",
    ]);
    await eventually(async () =>
      expect(await registrations()).toEqual([
        { user: "1001", domainId, userAgent: "sipp-capture", contact: "sip:1001@127.0.0.1:5493;transport=UDP" },
        { user: "1002", domainId, userAgent: "sipp-capture", contact: "sip:1002@127.0.0.1:5494;transport=UDP" },
      ]),
    );
    await eventually(async () => expect(await channelUuids()).toEqual([...CALL07].sort()));
    // Both legs are the tenant's: the b-leg through dialed_domain/presence.
    expect(await t.db.liveChannel.count({ where: { domainId } })).toBe(2);
    const node = await t.db.telephonyNode.findUniqueOrThrow({ where: { id: nodeId } });
    expect(node.eslConnectedAt).not.toBeNull();
    // Connected is not a heartbeat: health waits for the first one.
    expect(node.health).toBe("UNKNOWN");
    expect((await listNodes(ctx))[0]?.healthNote).toBe("connected, no heartbeat yet");
  });

  it("adds a call's legs on CHANNEL_CREATE and removes them on CHANNEL_HANGUP_COMPLETE", async () => {
    const heartbeat = frameIndex("HEARTBEAT");
    fake.emit(Buffer.concat(plainStream.slice(0, heartbeat)));
    await eventually(async () => expect(await channelUuids()).toEqual([...CALL01, ...CALL07].sort()));
    // Two calls up (two legs each): the node's call count follows without waiting for a heartbeat.
    expect((await t.db.telephonyNode.findUniqueOrThrow({ where: { id: nodeId } })).activeCalls).toBe(2);
    const aLeg = await t.db.liveChannel.findUniqueOrThrow({ where: { uuid: CALL01[0]! } });
    expect(aLeg).toMatchObject({ state: "ANSWERED", callerNumber: "1001", destinationNumber: "1002", domainId });
    expect(aLeg.answeredAt).toEqual(new Date(1796165029824));

    fake.emit(Buffer.concat(plainStream.slice(heartbeat)));
    // The rest of the stream hangs up call 01 and call 07 (the uuid_kill one).
    await eventually(async () => expect(await channelUuids()).toEqual([]));
  });

  it("turns a HEARTBEAT into node health and a load sample, and silence into DOWN, then UP again", async () => {
    await eventually(async () =>
      expect(await t.db.telephonyNode.findUniqueOrThrow({ where: { id: nodeId } })).toMatchObject({
        health: "UP",
        uptimeSec: 39,
        sessionCount: 2,
        cpuIdle: 26.266667,
      }),
    );
    const samples = await t.db.nodeLoadSample.findMany({ where: { nodeId } });
    expect(samples).toHaveLength(1);
    expect(samples[0]).toMatchObject({ sessionCount: 2, cpuIdle: 26.266667 });

    await eventually(
      async () => expect((await t.db.telephonyNode.findUniqueOrThrow({ where: { id: nodeId } })).health).toBe("DOWN"),
      HEARTBEAT_TIMEOUT_MS + 3000,
    );
    // The API says why: a node that was heard from and went silent is "lost", not "never connected".
    const [listed] = await listNodes(ctx);
    expect(listed).toMatchObject({ health: "DOWN", healthNote: expect.stringMatching(/^lost \d+ s ago$/) });
    fake.emit(plainStream[frameIndex("HEARTBEAT")]!);
    await eventually(async () =>
      expect((await t.db.telephonyNode.findUniqueOrThrow({ where: { id: nodeId } })).health).toBe("UP"),
    );
    expect(await t.db.nodeLoadSample.count({ where: { nodeId } })).toBe(2);
  });

  it("removes a binding on sofia::unregister", async () => {
    fake.emit(eventBytes(readOpsFixture("events", "event_plain_unregister.esl")));
    await eventually(async () => expect((await registrations()).map((r) => r.user)).toEqual(["1001"]));
  });

  it("reconnects after the node drops the connection and resyncs from the node's tables", async () => {
    fake.dropConnections();
    await eventually(async () => expect(fake.subscriptions()).toBe(2), 5000);
    // The node's own table still lists 1002 (api_02): the resync brings it back, and call 07 with it.
    await eventually(async () => expect((await registrations()).map((r) => r.user)).toEqual(["1001", "1002"]));
    await eventually(async () => expect(await channelUuids()).toEqual([...CALL07].sort()));
    const node = await t.db.telephonyNode.findUniqueOrThrow({ where: { id: nodeId } });
    expect(node.eslDisconnectedAt).not.toBeNull();
    expect(node.eslConnectedAt!.getTime()).toBeGreaterThan(node.eslDisconnectedAt!.getTime());
  });

  it("lets only one worker hold a node's connection, and another take over when it stops", async () => {
    const second = startSupervisor();
    second.start();
    try {
      await second.refresh();
      expect(supervisor.ownedNodeIds()).toEqual([nodeId]);
      expect(second.ownedNodeIds()).toEqual([]);
      expect(fake.subscriptions()).toBe(2);
      await supervisor.stop();
      await eventually(async () => expect(second.ownedNodeIds()).toEqual([nodeId]));
      await eventually(async () => expect(fake.subscriptions()).toBe(3));
    } finally {
      supervisor = second;
    }
  });

  it("follows node changes: a new address reconnects, a removed node is let go", async () => {
    const moved = await startFakeEventSocket("ClueCon", replies);
    try {
      await t.db.telephonyNode.update({ where: { id: nodeId }, data: { eslPort: moved.port } });
      await eventually(async () => expect(moved.subscriptions()).toBe(1));
      await t.db.telephonyNode.delete({ where: { id: nodeId } });
      await eventually(async () => expect(supervisor.ownedNodeIds()).toEqual([]));
      // The node's live rows went with it.
      expect(await t.db.registration.count()).toBe(0);
      expect(await t.db.liveChannel.count()).toBe(0);
    } finally {
      await moved.close();
    }
    expect(errors.filter((e) => !/ESL connection (closed|error)/.test(e))).toEqual([]);
  });
});
