import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createTwoTenants } from "../support/twoTenants";

const withAdminB = (db: TestDatabase["db"]) => createTwoTenants(db, { adminB: true });

let t: TestDatabase;
let tenants: Awaited<ReturnType<typeof withAdminB>>;
/** Extension ids by tenant and number: both tenants have 1001–1003. */
const ids: Record<"a" | "b", Record<string, string>> = { a: {}, b: {} };

const simulate = (who: "a" | "b", fromExtension: string, dialed: string) =>
  (who === "a" ? tenants.adminA : tenants.adminB).simulator.run({
    domainId: who === "a" ? tenants.domainA : tenants.domainB,
    fromExtension,
    dialed,
  });
const actionsOf = async (who: "a" | "b", from: string, dialed: string) => {
  const [step] = await simulate(who, from, dialed);
  return { rule: step!.rule, lines: step!.actions.map((a) => `${a.app} ${a.data ?? ""}`.trim()), xml: step!.xml };
};

beforeAll(async () => {
  t = await createTestDatabase();
  tenants = await withAdminB(t.db);
  for (const [who, admin, domainId] of [
    ["a", tenants.adminA, tenants.domainA],
    ["b", tenants.adminB, tenants.domainB],
  ] as const) {
    for (const number of ["1001", "1002", "1003"]) {
      const created = await admin.extensions.create({ domainId, number, displayName: `Ext ${number}` });
      ids[who][number] = created.extension.id;
    }
  }
});

afterAll(async () => {
  await t?.drop();
});

describe("pickup groups", () => {
  let groupA: string;
  let groupB: string;

  it("creates, audits and lists a tenant's groups", async () => {
    const created = await tenants.adminA.pickupGroups.create({
      domainId: tenants.domainA,
      name: "Front desk",
      memberIds: [ids.a["1001"]!, ids.a["1002"]!],
    });
    groupA = created.id;
    expect(created.members.map((m) => m.extension.number)).toEqual(["1001", "1002"]);
    expect(await t.db.auditLog.count({ where: { action: "pickup-group.create", entityId: groupA } })).toBe(1);
    groupB = (
      await tenants.adminB.pickupGroups.create({
        domainId: tenants.domainB,
        name: "Front desk",
        memberIds: [ids.b["1001"]!, ids.b["1002"]!],
      })
    ).id;
    const list = await tenants.adminA.pickupGroups.list({ domainId: tenants.domainA });
    expect(list.items.map((g) => g.id)).toEqual([groupA]);
  });

  it("refuses another tenant's extensions and a repeated name, naming the field", async () => {
    await expect(
      tenants.adminA.pickupGroups.create({ domainId: tenants.domainA, name: "Sneaky", memberIds: [ids.b["1003"]!] }),
    ).rejects.toMatchObject({ code: "CONFLICT", cause: { field: "memberIds" } });
    await expect(
      tenants.adminA.pickupGroups.create({ domainId: tenants.domainA, name: "Front desk", memberIds: [] }),
    ).rejects.toMatchObject({ code: "CONFLICT", cause: { field: "name" } });
  });

  it("never reads or changes another tenant's group", async () => {
    await expect(tenants.adminA.pickupGroups.get({ domainId: tenants.domainA, id: groupB })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      tenants.adminA.pickupGroups.update({ domainId: tenants.domainA, id: groupB, name: "Mine", memberIds: [] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(tenants.adminA.pickupGroups.delete({ domainId: tenants.domainA, id: groupB })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("a member's call rings pickup legs of its own domain's keys only", async () => {
    const { lines } = await actionsOf("a", "1003", "1002");
    const bridge = lines.find((l) => l.startsWith("bridge "));
    expect(bridge).toBe(
      `bridge {fail_on_single_reject=true}user/1002@a.example.com,pickup/1002@a.example.com,pickup/group-${groupA}@a.example.com`,
    );
    expect(bridge).not.toContain(groupB);
  });

  it("*8 picks up within the caller's group; B's same-named group is never reached", async () => {
    const a = await actionsOf("a", "1001", "*8");
    expect(a.rule).toEqual({ type: "pickup", from: "group", targets: ["Front desk"] });
    expect(a.lines[0]).toBe(`pickup group-${groupA}@a.example.com`);
    const b = await actionsOf("b", "1001", "*8");
    expect(b.lines[0]).toBe(`pickup group-${groupB}@b.example.com`);
    expect((await actionsOf("a", "1003", "*8")).rule.type).toBe("denied");
  });

  it("**<ext> picks up only an extension of the caller's domain", async () => {
    const a = await actionsOf("a", "1003", "**1002");
    expect(a.lines[0]).toBe("pickup 1002@a.example.com");
    expect((await actionsOf("a", "1003", "**1003")).rule.type).toBe("denied");
    expect((await actionsOf("a", "1003", "**4711")).rule).toEqual({ type: "not-found" });
  });

  it("updating members changes the next answer; deleting the group removes its legs", async () => {
    await tenants.adminA.pickupGroups.update({
      domainId: tenants.domainA,
      id: groupA,
      name: "Front desk",
      memberIds: [ids.a["1001"]!],
    });
    expect((await actionsOf("a", "1003", "1002")).lines).toContain("bridge user/1002@a.example.com");
    await tenants.adminA.pickupGroups.delete({ domainId: tenants.domainA, id: groupA });
    expect((await actionsOf("a", "1002", "*8")).rule.type).toBe("denied");
    expect(await t.db.auditLog.count({ where: { entityType: "PickupGroup", entityId: groupA } })).toBe(3);
  });
});

describe("parking", () => {
  const lot = { enabled: true, firstSlot: 7001, lastSlot: 7009, timeoutSeconds: 60 };

  it("offers defaults until saved, then stores and audits the tenant's lot", async () => {
    expect(await tenants.adminA.parking.get({ domainId: tenants.domainA })).toMatchObject({
      enabled: false,
      saved: false,
    });
    expect(await tenants.adminA.parking.update({ domainId: tenants.domainA, ...lot })).toMatchObject({
      ...lot,
      saved: true,
    });
    expect(await t.db.auditLog.count({ where: { action: "parking.update", domainId: tenants.domainA } })).toBe(1);
    expect(await tenants.adminB.parking.get({ domainId: tenants.domainB })).toMatchObject({ saved: false });
  });

  it("slots and numbers never overlap, either way round", async () => {
    await expect(
      tenants.adminA.extensions.create({ domainId: tenants.domainA, number: "7005", displayName: "Slot" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      tenants.adminA.parking.update({ domainId: tenants.domainA, ...lot, firstSlot: 1000, lastSlot: 1010 }),
    ).rejects.toMatchObject({ code: "CONFLICT", cause: { field: "firstSlot" } });
    // B has no lot: its 7005 is free.
    await tenants.adminB.extensions.create({ domainId: tenants.domainB, number: "7005", displayName: "Not a slot" });
  });

  it("refuses a backwards or oversized range inline", async () => {
    await expect(
      tenants.adminA.parking.update({ domainId: tenants.domainA, ...lot, firstSlot: 7009, lastSlot: 7001 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("*70 parks in the caller's own lot; slots retrieve from it; B's calls never reach A's lot", async () => {
    const park = await actionsOf("a", "1001", "*70");
    expect(park.rule).toEqual({ type: "park", firstSlot: 7001, lastSlot: 7009, timeoutSeconds: 60 });
    expect(park.lines).toContain("valet_park park@a.example.com auto in 7001 7010");
    expect(park.lines).toContain("set valet_parking_orbit_context=a.example.com");
    const retrieve = await actionsOf("a", "1002", "7003");
    expect(retrieve.rule).toEqual({ type: "park-retrieve", slot: 7003 });
    expect(retrieve.lines).toContain("valet_park park@a.example.com 7003");

    expect((await actionsOf("b", "1001", "*70")).rule).toEqual({ type: "not-found" });
    const b = await actionsOf("b", "1001", "7003");
    expect(b.rule.type).not.toBe("park-retrieve");
    expect(b.xml).not.toContain("a.example.com");
    expect((await actionsOf("b", "1001", "7005")).rule).toEqual({ type: "extension", number: "7005" });
  });

  it("a disabled lot frees its slots", async () => {
    await tenants.adminA.parking.update({ domainId: tenants.domainA, ...lot, enabled: false });
    expect((await actionsOf("a", "1001", "7003")).rule.type).not.toBe("park-retrieve");
    expect((await actionsOf("a", "1001", "*70")).rule).toEqual({ type: "not-found" });
  });
});
