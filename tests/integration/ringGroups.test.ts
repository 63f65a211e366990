import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import type { callerAs } from "../support/callers";
import { createTwoTenants } from "../support/twoTenants";

let t: TestDatabase;
let adminA: Awaited<ReturnType<typeof callerAs>>;
let adminB: Awaited<ReturnType<typeof callerAs>>;
let domainA: string;
let domainB: string;
const ext: Record<string, string> = {};

const group = (overrides: Record<string, unknown> = {}) => ({
  domainId: domainA,
  number: "600",
  name: "Sales",
  strategy: "SEQUENTIAL" as const,
  ringTimeout: 20,
  fallback: { type: "VOICEMAIL" as const, target: "1001" },
  memberIds: [ext["1002"]!, ext["1001"]!],
  ...overrides,
});

beforeAll(async () => {
  t = await createTestDatabase();
  const limits = { maxExtensions: 10 };
  ({ domainA, domainB, adminA, adminB } = await createTwoTenants(t.db, { a: limits, b: limits, adminB: true }));
  for (const number of ["1001", "1002", "1003"]) {
    ext[number] = (
      await adminA.extensions.create({ domainId: domainA, number, displayName: `Ext ${number}` })
    ).extension.id;
  }
  ext.b2001 = (
    await adminB.extensions.create({ domainId: domainB, number: "2001", displayName: "B ext" })
  ).extension.id;
});

afterAll(async () => {
  await t?.drop();
});

describe("ring groups", () => {
  let id: string;

  it("creates a group with ordered members, audits it and notifies FreeSWITCH caches on commit", async () => {
    const listener = new pg.Client({ connectionString: t.url });
    await listener.connect();
    const notes: string[] = [];
    listener.on("notification", (n) => notes.push(n.payload ?? ""));
    await listener.query("LISTEN switchboard_config");
    try {
      const created = await adminA.ringGroups.create(group());
      id = created.id;
      expect(created.members.map((m) => m.extension.number)).toEqual(["1002", "1001"]);
      expect(created).toMatchObject({ fallbackType: "VOICEMAIL", fallbackTarget: "1001", strategy: "SEQUENTIAL" });
      await new Promise((r) => setTimeout(r, 200));
      expect(notes).toContain(JSON.stringify({ domain: "a.example.com" }));
    } finally {
      await listener.end();
    }
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: id } });
    expect(audit).toMatchObject({ action: "ring-group.create", domainId: domainA, actorLabel: "admin@a.example.com" });
  });

  it("shares the number space with extensions and IVR menus", async () => {
    await expect(adminA.ringGroups.create(group({ number: "1001", name: "Clash" }))).rejects.toMatchObject({
      code: "CONFLICT",
      message: "1001 is already used by an extension",
    });
    await expect(
      adminA.extensions.create({ domainId: domainA, number: "600", displayName: "X" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("refuses members from another domain and a fallback that does not exist", async () => {
    await expect(adminA.ringGroups.create(group({ number: "601", memberIds: [ext.b2001!] }))).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Members must be extensions of this domain",
    });
    await expect(
      adminA.ringGroups.create(group({ number: "601", fallback: { type: "EXTENSION", target: "4444" } })),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "There is no extension 4444 in this domain" });
    await expect(
      adminA.ringGroups.create(group({ number: "601", fallback: { type: "RING_GROUP", target: "601" } })),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await t.db.ringGroup.count()).toBe(1);
  });

  it("validates input with the form's schema", async () => {
    await expect(adminA.ringGroups.create(group({ number: "6", ringTimeout: 1 }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      adminA.ringGroups.create(group({ number: "602", memberIds: [ext["1001"]!, ext["1001"]!] })),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      adminA.ringGroups.create(group({ number: "602", fallback: { type: "EXTERNAL", target: "5551234" } })),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("updates strategy and reorders members", async () => {
    const updated = await adminA.ringGroups.update({
      ...group({ strategy: "SIMULTANEOUS", memberIds: [ext["1003"]!, ext["1001"]!, ext["1002"]!] }),
      id,
    });
    expect(updated.strategy).toBe("SIMULTANEOUS");
    expect(updated.members.map((m) => [m.position, m.extension.number])).toEqual([
      [0, "1003"],
      [1, "1001"],
      [2, "1002"],
    ]);
    expect(await t.db.ringGroupMember.count({ where: { ringGroupId: id } })).toBe(3);
  });

  it("lists with search and paging, scoped to the tenant", async () => {
    const page = await adminA.ringGroups.list({ domainId: domainA, search: "sal" });
    expect(page.total).toBe(1);
    expect((await adminB.ringGroups.list({ domainId: domainB })).total).toBe(0);
    await expect(adminB.ringGroups.get({ domainId: domainB, id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(adminB.ringGroups.list({ domainId: domainA })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(adminB.ringGroups.delete({ domainId: domainB, id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("will not delete a group a phone number still rings, then deletes it once free", async () => {
    const did = await t.db.phoneNumber.create({
      data: { e164: "+15551230001", domainId: domainA, destType: "RING_GROUP", destTarget: "600" },
    });
    await expect(adminA.ringGroups.delete({ domainId: domainA, id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Still in use by phone number +15551230001",
    });
    await t.db.phoneNumber.update({ where: { id: did.id }, data: { destType: "HANGUP", destTarget: null } });
    await adminA.ringGroups.delete({ domainId: domainA, id });
    expect(await t.db.ringGroup.count()).toBe(0);
    expect(await t.db.ringGroupMember.count()).toBe(0);
    expect(await t.db.auditLog.count({ where: { action: "ring-group.delete", entityId: id } })).toBe(1);
  });
});
