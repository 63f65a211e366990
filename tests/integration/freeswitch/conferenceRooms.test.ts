import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordChange } from "@/server/cluster/recordChange";
import { notFoundDocument } from "@/server/freeswitch/xml";
import { seal } from "@/server/security/secretBox";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { eventually } from "../../support/eventually";
import { readSharedFixture } from "../../unit/freeswitch/sharedFixtures";
import { startLiveEndpoint } from "./liveEndpoint";
import { seedSwitchboard, TENANT } from "./seed";

const CAPTURED = readSharedFixture("configuration-conference.conf.body");

let t: TestDatabase;
let live: Awaited<ReturnType<typeof startLiveEndpoint>>;
const post = (body: string) => live.post(body);
const call = (destination: string) => live.call(destination);

/**
 * What mod_conference sends when the `conference` app starts: the captured conference.conf
 * request with the app's own headers in place of the boot-time `presence=true`.
 */
const profileRequest = (conferenceName: string, profileName: string) =>
  CAPTURED.replace(
    "&presence=true",
    `&conference_name=${encodeURIComponent(conferenceName)}&profile_name=${encodeURIComponent(profileName)}`,
  );

/** A joining member's keypad group (conference_member_bind_controls: a REQUEST_PARAMS event). */
const controlsRequest = (conferenceName: string, controls: string) =>
  CAPTURED.replace("Event-Name=COMMAND", "Event-Name=REQUEST_PARAMS").replace(
    "&presence=true",
    `&Conf-Name=${encodeURIComponent(conferenceName)}&Action=request-controls&Controls=${encodeURIComponent(controls)}`,
  );

async function room(domain: string, number: string, data: { pin?: string; maxMembers?: number } = {}) {
  const { id } = await t.db.domain.findUniqueOrThrow({ where: { name: domain }, select: { id: true } });
  return t.db.conferenceRoom.create({
    data: {
      domainId: id,
      number,
      name: `Room ${number}`,
      pinEnc: data.pin ? seal(data.pin) : null,
      maxMembers: data.maxMembers ?? 0,
    },
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedSwitchboard(t.db);
  // tenant1 (served by every node) and tenant2 (fs-node-02 only) both have a room 3000.
  await room(TENANT, "3000", { pin: "4711", maxMembers: 8 });
  await room("tenant2.example", "3000", { pin: "2222" });
  await room("suspended.example", "3000");
  // A room only tenant2 has: tenant1's callers dialling 3050 must not reach it.
  await room("tenant2.example", "3050");
  live = await startLiveEndpoint(t);
});

afterAll(async () => {
  await live?.close();
  await t?.drop();
});

describe("conference rooms over xml_curl", () => {
  it("dialling a room joins the tenant's own conference with its profile; no PIN in the dialplan", async () => {
    const body = await call("3000");
    expect(body).toContain('application="conference" data="3000@tenant1.example@tenant1.example-3000"');
    expect(body).not.toContain("4711");
  });

  it("another tenant's room number is nothing in this tenant's dialplan", async () => {
    const body = await call("3050");
    expect(body).not.toContain('application="conference"');
    expect(body).not.toContain("tenant2.example");
  });

  it("the room's profile comes from conference.conf with its PIN and size", async () => {
    const body = await post(profileRequest("3000@tenant1.example", "tenant1.example-3000"));
    expect(body).toContain('<profile name="tenant1.example-3000">');
    expect(body).toContain('<param name="pin" value="4711"/>');
    expect(body).toContain('<param name="max-members" value="8"/>');
    expect(body).not.toContain("2222");
  });

  it.each([
    ["an unknown room", "3999@tenant1.example", "tenant1.example-3999"],
    ["another tenant's profile under our room's name", "3000@tenant1.example", "tenant2.example-3000"],
    ["our profile under another tenant's room name", "3000@tenant2.example", "tenant1.example-3000"],
    ["a room of a domain this node does not serve", "3000@tenant2.example", "tenant2.example-3000"],
    ["a room of a suspended domain", "3000@suspended.example", "suspended.example-3000"],
    ["an unknown domain", "3000@nowhere.example", "nowhere.example-3000"],
    ["a name that is not <room>@<domain>", "tenant1.example", "tenant1.example-3000"],
    ["a profile without a conference", "", "tenant1.example-3000"],
  ])("%s → not found", async (_label, conferenceName, profileName) => {
    expect(await post(profileRequest(conferenceName, profileName))).toBe(notFoundDocument);
  });

  it("the boot-time request is left to the node's own conference.conf", async () => {
    expect(await post(CAPTURED)).toBe(notFoundDocument);
  });

  it("a joining member gets our keypad groups; any other group is not ours", async () => {
    expect(await post(controlsRequest("3000@tenant1.example", "switchboard-caller"))).toContain(
      '<group name="switchboard-caller"><control action="mute" digits="0"/>',
    );
    expect(await post(controlsRequest("3000@tenant1.example", "switchboard-moderator"))).toContain(
      '<control action="lock" digits="*"/>',
    );
    expect(await post(controlsRequest("3000@tenant1.example", "default"))).toBe(notFoundDocument);
  });

  it("a changed room reaches the next answer through the cache's change signal", async () => {
    const request = profileRequest("3000@tenant1.example", "tenant1.example-3000");
    expect(await post(request)).toContain('value="4711"');
    await t.db.$transaction(async (tx) => {
      await tx.conferenceRoom.updateMany({
        where: { number: "3000", domain: { name: TENANT } },
        data: { pinEnc: seal("8080"), record: true },
      });
      await recordChange(tx, { invalidate: { domain: TENANT } });
    });
    await eventually(async () => expect(await post(request)).toContain('<param name="pin" value="8080"/>'));
    expect(await post(request)).toContain('name="auto-record"');
  });

  it("a lone member hears the tenant's hold music", async () => {
    const request = profileRequest("3000@tenant1.example", "tenant1.example-3000");
    expect(await post(request)).toContain('<param name="moh-sound" value="local_stream://moh"/>');
    await t.db.$transaction(async (tx) => {
      await tx.domain.update({ where: { name: TENANT }, data: { holdMusic: "moh/8000" } });
      await recordChange(tx, { invalidate: { domain: TENANT } });
    });
    await eventually(async () =>
      expect(await post(request)).toContain('<param name="moh-sound" value="local_stream://moh/8000"/>'),
    );
  });

  it("a plan without conference rooms (limit 0) switches the tenant's rooms off", async () => {
    const request = profileRequest("3000@tenant1.example", "tenant1.example-3000");
    const setLimit = (maxConferenceRooms: number) =>
      t.db.$transaction(async (tx) => {
        await tx.domain.update({ where: { name: TENANT }, data: { maxConferenceRooms } });
        await recordChange(tx, { invalidate: { domain: TENANT } });
      });
    await setLimit(0);
    await eventually(async () => expect(await post(request)).toBe(notFoundDocument));
    expect(await call("3000")).not.toContain('application="conference"');
    await setLimit(10);
    await eventually(async () => expect(await post(request)).toContain('<profile name="tenant1.example-3000">'));
    expect(await call("3000")).toContain('application="conference"');
  });

  it("logs no PINs", () => {
    for (const pin of ["4711", "2222", "8080"]) expect(live.logs.join("\n")).not.toContain(pin);
  });
});
