import { describe, expect, it } from "vitest";
import { parseEslEvent, type FsEvent } from "@/server/cluster/esl/eslEvent";
import { liveChangeOf, type LiveChange } from "@/server/liveState/liveChanges";
import { netChangesOf } from "@/server/liveState/liveStore";
import { parseChannels, parseRegistrationStatus } from "@/server/liveState/resyncReplies";
import { apiReplyBody, messagesOf, opsFixtureNames, readOpsFixture } from "./opsFixtures";

const RECEIVED = new Date("2026-12-01T23:00:00.000Z");
const CALL07_A = "8da8cf52-bace-4780-b1a6-87be1d8cce73";
const CALL07_B = "c3450d76-b713-43d0-85d7-6a22c68422e5";

function eventsOf(name: string, chunk?: number): FsEvent[] {
  return messagesOf(readOpsFixture("events", name), chunk)
    .filter((m) => m.headers.get("content-type")?.startsWith("text/event-"))
    .map((m) => {
      const event = parseEslEvent(m);
      if (!event) throw new Error(`unparsed event in ${name}`);
      return event;
    });
}

const changesOf = (name: string): LiveChange[] =>
  eventsOf(name)
    .map((e) => liveChangeOf(e, RECEIVED))
    .filter((c): c is LiveChange => c !== null);

describe("ESL event parser over every captured stream", () => {
  it.each(opsFixtureNames("events"))("%s: every frame is a whole event, whatever the chunking", (name) => {
    const bytes = readOpsFixture("events", name);
    const whole = messagesOf(bytes, bytes.length);
    const framed = whole.filter((m) => m.headers.get("content-type")?.startsWith("text/event-"));
    expect(framed.length).toBeGreaterThan(0);
    // Replies (the subscription's +OK) are not events; nothing else is in the streams.
    for (const m of whole)
      expect(["command/reply", "text/event-plain", "text/event-json"]).toContain(m.headers.get("content-type"));
    for (const chunk of [5, 97, 4096]) {
      expect(eventsOf(name, chunk).map((e) => [e.name, e.subclass, e.headers["Event-Sequence"]])).toEqual(
        framed.map((m) => {
          const e = parseEslEvent(m)!;
          return [e.name, e.subclass, e.headers["Event-Sequence"]];
        }),
      );
    }
  });

  it("reads the subscription reply of the plain and json streams", () => {
    for (const [name, format] of [
      ["event_plain_stream.trimmed.esl", "plain"],
      ["event_json_stream.trimmed.esl", "json"],
    ] as const) {
      const [reply] = messagesOf(readOpsFixture("events", name));
      expect(reply?.headers.get("reply-text")).toBe(`+OK event listener enabled ${format}`);
    }
  });

  it("decodes plain (URL-encoded) and json headers to the same values", () => {
    const plain = eventsOf("event_plain_stream.trimmed.esl").filter((e) => e.headers["Unique-ID"] === CALL07_A);
    const json = eventsOf("event_json_stream.trimmed.esl").filter((e) => e.headers["Unique-ID"] === CALL07_A);
    expect(plain.map((e) => e.name)).toEqual(["CHANNEL_CREATE", "CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE"]);
    expect(json.map((e) => e.name)).toEqual(plain.map((e) => e.name));
    for (const [i, p] of plain.entries()) {
      expect(json[i]!.headers["Channel-Name"]).toBe(p.headers["Channel-Name"]);
      expect(p.headers["Channel-Name"]).toBe("sofia/internal/1001@cap.example.com");
      expect(json[i]!.headers["Caller-Caller-ID-Name"]).toBe(p.headers["Caller-Caller-ID-Name"]);
    }
    expect(liveChangeOf(plain[0]!, RECEIVED)).toEqual(liveChangeOf(json[0]!, RECEIVED));
  });

  it("turns sofia::register into a binding that expires `expires` seconds after receipt", () => {
    const registers = changesOf("event_plain_stream.trimmed.esl").filter((c) => c.kind === "register");
    expect(registers).toEqual([
      {
        kind: "register",
        registration: {
          realm: "cap.example.com",
          user: "1001",
          contact: "sip:1001@127.0.0.1:5493;transport=UDP",
          callId: "1-25759@127.0.0.1",
          userAgent: "sipp-capture",
          networkIp: "127.0.0.1",
          networkPort: 5493,
          profile: "internal",
          expiresAt: new Date(RECEIVED.getTime() + 300_000),
        },
      },
      expect.objectContaining({ registration: expect.objectContaining({ user: "1002", networkPort: 5494 }) }),
    ]);
    const json = changesOf("event_json_stream.trimmed.esl").filter((c) => c.kind === "register");
    expect(json).toEqual([
      expect.objectContaining({ registration: expect.objectContaining({ user: "1001", callId: "1-26717@127.0.0.1" }) }),
    ]);
  });

  it("turns sofia::unregister into the removal of that binding", () => {
    expect(changesOf("event_plain_unregister.esl")).toEqual([
      {
        kind: "unregister",
        realm: "cap.example.com",
        user: "1002",
        contact: "sip:1002@127.0.0.1:5494;transport=UDP",
        callId: "1-30073@127.0.0.1",
      },
    ]);
  });

  it("reads HEARTBEAT into uptime, sessions and CPU idle", () => {
    const beats = changesOf("event_plain_stream.trimmed.esl").filter((c) => c.kind === "heartbeat");
    expect(beats).toEqual([{ kind: "heartbeat", heartbeat: { uptimeSec: 39, sessionCount: 2, cpuIdle: 26.266667 } }]);
    expect(changesOf("event_json_stream.trimmed.esl").filter((c) => c.kind === "heartbeat")).toHaveLength(1);
  });

  it("follows both legs of a call from create to hangup, and the uuid_kill hangup", () => {
    const call07 = changesOf("event_json_stream.trimmed.esl").filter(
      (c) => c.kind === "channel" || c.kind === "hangup",
    );
    expect(call07.map((c) => (c.kind === "channel" ? [c.channel.uuid, c.channel.state] : [c.uuid, "gone"]))).toEqual([
      [CALL07_A, "RINGING"],
      [CALL07_B, "RINGING"],
      [CALL07_B, "ANSWERED"],
      [CALL07_A, "ANSWERED"],
      [CALL07_A, "gone"],
      [CALL07_B, "gone"],
    ]);
    const aLeg = call07[0]!;
    expect(aLeg.kind === "channel" && aLeg.channel).toMatchObject({
      callUuid: CALL07_A,
      direction: "inbound",
      callerNumber: "1001",
      destinationNumber: "1002",
      createdAt: new Date(1796165079444),
      answeredAt: null,
      domainCandidates: ["cap.example.com"],
    });
    const bLeg = call07[1]!;
    // The b-leg of a user/ bridge names the domain only as dialed_domain and presence.
    expect(bLeg.kind === "channel" && bLeg.channel).toMatchObject({ callUuid: CALL07_A, direction: "outbound" });
    expect(bLeg.kind === "channel" && bLeg.channel.domainCandidates).toEqual(["cap.example.com"]);
    for (const name of [
      "uuid_kill_triggered_hangup_complete.a-leg.plain.esl",
      "uuid_kill_triggered_hangup_complete.a-leg.json.esl",
    ]) {
      expect(changesOf(name)).toEqual([{ kind: "hangup", uuid: CALL07_A }]);
    }
  });

  it("nets a whole stream down to what is left at its end", () => {
    const net = netChangesOf(changesOf("event_plain_stream.trimmed.esl").map((change) => ({ kind: "change", change })));
    expect([...net.registrationUpserts.values()].map((r) => r.user)).toEqual(["1001", "1002"]);
    // Both calls hung up: nothing to insert, four legs to remove.
    expect(net.channelUpserts.size).toBe(0);
    expect(net.channelRemovals.size).toBe(4);
    expect(net.heartbeats).toBe(1);
  });

  it("ignores messages that are not events", () => {
    expect(parseEslEvent({ headers: new Map([["content-type", "api/response"]]), body: "+OK\n" })).toBeNull();
    expect(parseEslEvent({ headers: new Map([["content-type", "text/event-json"]]), body: "{not json" })).toBeNull();
    expect(
      parseEslEvent({ headers: new Map([["content-type", "text/event-plain"]]), body: "Foo: bar\n\n" }),
    ).toBeNull();
  });
});

describe("resync replies (captured api output)", () => {
  it("reads `sofia xmlstatus profile internal reg`", () => {
    const rows = parseRegistrationStatus(
      apiReplyBody("api_02_sofia_xmlstatus_profile_internal_reg.esl"),
      "internal",
      RECEIVED,
    );
    expect(rows).toEqual([
      {
        realm: "cap.example.com",
        user: "1002",
        contact: "sip:1002@127.0.0.1:5494;transport=UDP",
        callId: "1-25764@127.0.0.1",
        userAgent: "sipp-capture",
        networkIp: "127.0.0.1",
        networkPort: 5494,
        profile: "internal",
        expiresAt: new Date(RECEIVED.getTime() + 290_000),
      },
      expect.objectContaining({ user: "1001", networkPort: 5493, expiresAt: new Date(RECEIVED.getTime() + 356_000) }),
    ]);
  });

  it("refuses a reply that is not a registration list instead of wiping the node's phones", () => {
    expect(() => parseRegistrationStatus("Invalid Profile!\n", "internal", RECEIVED)).toThrow(/unexpected reply/);
  });

  it("reads `show channels as json`, including the empty answer", () => {
    const rows = parseChannels(apiReplyBody("api_03_show_channels_as_json.esl"));
    expect(rows.map((r) => [r.uuid, r.callUuid, r.direction, r.state, r.callerNumber, r.destinationNumber])).toEqual([
      [CALL07_A, CALL07_A, "inbound", "ANSWERED", "1001", "1002"],
      [CALL07_B, CALL07_A, "outbound", "ANSWERED", "1001", "1002"],
    ]);
    expect(rows[0]).toMatchObject({ createdAt: new Date(1796165079000), domainCandidates: ["cap.example.com"] });
    expect(parseChannels('{"row_count":0}')).toEqual([]);
  });
});
