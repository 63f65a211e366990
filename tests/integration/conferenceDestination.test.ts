import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createTwoTenants } from "../support/twoTenants";

// A conference room as a destination: DIDs, IVR options and fallbacks send callers into a room
// of their own domain, and the room cannot vanish or move while something still points at it.

let t: TestDatabase;
const withAdminB = (db: TestDatabase["db"]) => createTwoTenants(db, { adminB: true });
let tenants: Awaited<ReturnType<typeof withAdminB>>;
let roomId: string;
let groupId: string;

const group = (domainId: string, target: string) => ({
  domainId,
  number: "600",
  name: "Sales",
  strategy: "SIMULTANEOUS" as const,
  ringTimeout: 20,
  fallback: { type: "CONFERENCE" as const, target },
  memberIds: [],
});

beforeAll(async () => {
  t = await createTestDatabase();
  tenants = await withAdminB(t.db);
  const room = await tenants.adminA.conferenceRooms.create({
    domainId: tenants.domainA,
    number: "3000",
    name: "Weekly call",
    pin: "",
    moderatorPin: "",
    maxMembers: 10,
    record: false,
  });
  roomId = room.id;
});

afterAll(async () => {
  await t?.drop();
});

describe("conference room as a destination", () => {
  it("is accepted only for a room of the same domain", async () => {
    await expect(tenants.adminA.ringGroups.create(group(tenants.domainA, "3999"))).rejects.toMatchObject({
      code: "CONFLICT",
      message: "There is no conference room 3999 in this domain",
    });
    await expect(tenants.adminB.ringGroups.create(group(tenants.domainB, "3000"))).rejects.toMatchObject({
      code: "CONFLICT",
      message: "There is no conference room 3000 in this domain",
    });
    const created = await tenants.adminA.ringGroups.create(group(tenants.domainA, "3000"));
    groupId = created.id;
    expect(created.fallbackType).toBe("CONFERENCE");
    expect(created.fallbackTarget).toBe("3000");
  });

  it("a room in use can be neither renumbered nor deleted", async () => {
    const room = await tenants.adminA.conferenceRooms.get({ domainId: tenants.domainA, id: roomId });
    await expect(
      tenants.adminA.conferenceRooms.update({ ...room, domainId: tenants.domainA, number: "3001" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: 'Calls reach 3000 from ring group "Sales" (fallback); change those first',
    });
    await expect(
      tenants.adminA.conferenceRooms.delete({ domainId: tenants.domainA, id: roomId }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: 'Still in use by ring group "Sales" (fallback)' });
    expect(await t.db.conferenceRoom.count({ where: { id: roomId, number: "3000" } })).toBe(1);
  });

  it("a carrier's call to a DID pointing at the room is transferred into it", async () => {
    await t.db.phoneNumber.create({
      data: { e164: "+15551230001", domainId: tenants.domainA, destType: "CONFERENCE", destTarget: "3000" },
    });
    const steps = await tenants.adminA.simulator.run({
      domainId: tenants.domainA,
      fromExtension: null,
      dialed: "+15551230001",
    });
    expect(steps[0]?.xml).toContain('data="3000 XML a.example.com"');
    expect(steps[1]?.rule).toEqual({ type: "conference", number: "3000", name: "Weekly call" });
  });

  it("once nothing points at it, the room goes", async () => {
    await t.db.phoneNumber.delete({ where: { e164: "+15551230001" } });
    await tenants.adminA.ringGroups.delete({ domainId: tenants.domainA, id: groupId });
    await tenants.adminA.conferenceRooms.delete({ domainId: tenants.domainA, id: roomId });
    expect(await t.db.conferenceRoom.count()).toBe(0);
  });
});
