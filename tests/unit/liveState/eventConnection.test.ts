import { afterEach, describe, expect, it } from "vitest";
import { EslConnection } from "@/server/cluster/esl/eslClient";
import { parseEslEvent } from "@/server/cluster/esl/eslEvent";
import { healthNote } from "@/server/liveState/healthNote";
import { LIVE_EVENT_NAMES } from "@/server/liveState/liveChanges";
import { eventBytes, frames, startFakeEventSocket, type FakeEventSocket } from "../../support/fakeEventSocket";
import { readOpsFixture } from "./opsFixtures";

let fake: FakeEventSocket | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const heartbeat = frames(eventBytes(readOpsFixture("events", "event_plain_stream.trimmed.esl"))).find((f) =>
  f.includes("Event-Name: HEARTBEAT"),
)!;

describe("event connection", () => {
  it("keeps a reply in stream order with the events that share its packet", async () => {
    const reply = readOpsFixture("esl", "api_03_show_channels_as_json.esl");
    // The node answers and emits an event in the same write: the reply must be seen first.
    fake = await startFakeEventSocket("ClueCon", {}, (command) =>
      command === "show channels as json" ? Buffer.concat([reply, heartbeat]) : undefined,
    );
    const seen: string[] = [];
    let closed: Error | null = null;
    const esl = await EslConnection.open(
      { host: "127.0.0.1", port: fake.port, password: "ClueCon" },
      { onEvent: (m) => seen.push(parseEslEvent(m)!.name), onClose: (e) => (closed = e) },
    );
    await esl.subscribe("plain", LIVE_EVENT_NAMES, 60_000);
    const body = await esl.api("show channels as json", (b) => seen.push(`reply ${JSON.parse(b).row_count}`));
    expect(JSON.parse(body).row_count).toBe(2);
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual(["reply 2", "HEARTBEAT"]);
    expect(fake.commands[0]).toBe(`event plain ${LIVE_EVENT_NAMES.join(" ")}`);
    fake.dropConnections();
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBeInstanceOf(Error);
  });
});

describe("node health note", () => {
  const now = new Date("2026-12-01T23:00:00Z");
  const base = { health: "UNKNOWN" as const, lastHeartbeatAt: null, eslConnectedAt: null, eslDisconnectedAt: null };
  it("says never connected, with the reason when there is one", () => {
    expect(healthNote({ ...base, eslLastError: null }, now)).toBe("never connected");
    expect(healthNote({ ...base, eslLastError: "ESL connection error: connect ECONNREFUSED" }, now)).toBe(
      "never connected (ESL connection error: connect ECONNREFUSED)",
    );
  });
  it("says when the last heartbeat came, or how long ago it was lost", () => {
    const beat = new Date(now.getTime() - 4000);
    expect(
      healthNote({ ...base, health: "UP", lastHeartbeatAt: beat, eslConnectedAt: beat, eslLastError: null }, now),
    ).toBe("heartbeat 4 s ago");
    const lost = new Date(now.getTime() - 120_000);
    expect(
      healthNote(
        { ...base, health: "DOWN", lastHeartbeatAt: lost, eslConnectedAt: lost, eslLastError: "ESL connection closed" },
        now,
      ),
    ).toBe("lost 2 min ago (ESL connection closed)");
  });
});
