import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractCdrRecord } from "@/server/callRecords/extractCdrRecord";
import { parseCdrBody } from "@/server/callRecords/parseCdrBody";
import { callerAs, createUser } from "../support/callers";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { capturedPostNames, fixtureLeg, readCapturedPost } from "../unit/callRecords/cdrFixtures";
import { replayOf, seedCaptureWorld, serveCdr } from "./callRecords/cdrTestbed";

// Call history over what a real FreeSWITCH 1.10.12 posted (../shared/fixtures/freeswitch-ops/cdr),
// stored through the real CDR endpoint: one row per call, both legs in the detail, causes in words.

let t: TestDatabase;
let endpoint: Awaited<ReturnType<typeof serveCdr>>;
let domainId: string;
let admin: Awaited<ReturnType<typeof callerAs>>;
let user1003: Awaited<ReturnType<typeof callerAs>>;
/** Scenario number ("01"…) → its a-leg uuid, from the captures themselves. */
const callOf = new Map<string, string>();
/** Scenario → how many leg captures it has. */
const legsOf = new Map<string, Set<string>>();

beforeAll(async () => {
  t = await createTestDatabase();
  const world = await seedCaptureWorld(t.db);
  domainId = world.domainId;
  endpoint = await serveCdr(t.db, t.url);
  for (const name of capturedPostNames()) {
    const post = readCapturedPost(name);
    const { headers, query } = replayOf(post);
    const reply = await endpoint.post(post.body, headers, query);
    if (reply.status !== 200) throw new Error(`${name}: ${reply.status} ${reply.body}`);
    const { scenario, leg } = fixtureLeg(name);
    const record = extractCdrRecord(parseCdrBody(post.body.toString("utf8")));
    if (leg === "a") callOf.set(scenario, record.callUuid);
    legsOf.set(scenario, (legsOf.get(scenario) ?? new Set()).add(leg));
  }
  const adminId = await createUser(t.db, "admin@cap.example.com", { role: "TENANT_ADMIN", domainId });
  admin = await callerAs(t.db, adminId);
  const ext1003 = await t.db.extension.findFirstOrThrow({ where: { domainId, number: "1003" } });
  user1003 = await callerAs(
    t.db,
    await createUser(t.db, "1003@cap.example.com", { role: "TENANT_USER", domainId, extensionId: ext1003.id }),
  );
});

afterAll(async () => {
  await endpoint?.close();
  await t?.drop();
});

describe("call history of the captured calls", () => {
  it("lists each captured call once, newest first", async () => {
    const page = await admin.callRecords.list({ domainId, pageSize: 200 });
    expect(page.items.map((c) => c.callId).sort()).toEqual([...callOf.values()].sort());
    const starts = page.items.map((c) => c.startedAt.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
  });

  it("shows every captured leg of a call in its detail, with the cause in words", async () => {
    for (const [scenario, callId] of callOf) {
      const detail = await admin.callRecords.get({ domainId, callId });
      expect(detail.legs.map((l) => l.leg).sort(), `scenario ${scenario}`).toEqual([...legsOf.get(scenario)!].sort());
      for (const leg of detail.legs) expect(leg.hangupText).not.toMatch(/^Ended with cause/);
    }
    const busy = await admin.callRecords.get({ domainId, callId: callOf.get("02")! });
    expect(busy.call).toMatchObject({ disposition: "BUSY", hangupText: "The callee was busy" });
    const offline = await admin.callRecords.get({ domainId, callId: callOf.get("03")! });
    expect(offline.call.hangupText).toBe("The called phone is not registered (offline)");
  });

  it("finds the captured calls by number, direction and extension", async () => {
    const ids = async (filters: Record<string, string>) =>
      (await admin.callRecords.list({ domainId, pageSize: 200, ...filters })).items.map((c) => c.callId);
    expect(await ids({ search: "1212555" })).toEqual([callOf.get("04")]);
    expect(await ids({ direction: "OUTBOUND" })).toEqual([callOf.get("04")]);
    expect(await ids({ direction: "INBOUND" })).toEqual([callOf.get("05")]);
    expect((await ids({ extension: "1002" })).sort()).toEqual(
      ["01", "02", "05", "07"].map((s) => callOf.get(s)).sort(),
    );
  });

  it("gives the end user of 1003 only the calls to 1003", async () => {
    const mine = await user1003.callRecords.list({ domainId });
    expect(mine.items.map((c) => c.callId).sort()).toEqual(["03", "08", "09"].map((s) => callOf.get(s)).sort());
  });
});
