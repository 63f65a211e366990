import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import type { callerAs } from "../support/callers";
import { createTwoTenants } from "../support/twoTenants";

let t: TestDatabase;
let platform: Awaited<ReturnType<typeof callerAs>>;
let adminA: Awaited<ReturnType<typeof callerAs>>;
let domainA: string;
let domainB: string;

beforeAll(async () => {
  t = await createTestDatabase();
  ({ platform, adminA, domainA, domainB } = await createTwoTenants(t.db));
  await adminA.extensions.create({ domainId: domainA, number: "1001", displayName: "Alice" });
});

afterAll(async () => {
  await t?.drop();
});

async function idsOf(...e164: string[]): Promise<string[]> {
  const rows = await t.db.phoneNumber.findMany({
    where: { e164: { in: e164 } },
    select: { id: true },
    orderBy: { e164: "asc" },
  });
  return rows.map((r) => r.id);
}

describe("phone number ranges", () => {
  it("adds a range of 100 numbers, unassigned", async () => {
    const result = await platform.numbers.addRange({
      from: "+15551230000",
      to: "+15551230099",
      description: "Block A",
    });
    expect(result).toEqual({ created: 100, duplicateCount: 0, duplicates: [] });
    expect(await t.db.phoneNumber.count({ where: { domainId: null } })).toBe(100);
    expect(await t.db.phoneNumber.findUnique({ where: { e164: "+15551230042" } })).toMatchObject({
      description: "Block A",
    });
  });

  it("reports overlapping numbers as duplicates and adds only the new ones", async () => {
    const result = await platform.numbers.addRange({ from: "+15551230095", to: "+15551230104" });
    expect(result.created).toBe(5);
    expect(result.duplicateCount).toBe(5);
    expect(result.duplicates).toEqual(["+15551230095", "+15551230096", "+15551230097", "+15551230098", "+15551230099"]);
    expect(await t.db.phoneNumber.count()).toBe(105);
  });

  it("rejects more than 10,000 numbers, a backwards range and a non-E.164 number", async () => {
    await expect(platform.numbers.addRange({ from: "+15551000000", to: "+15551010000" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(platform.numbers.addRange({ from: "+15551230010", to: "+15551230001" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(platform.numbers.addRange({ from: "5551230000" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.db.phoneNumber.count()).toBe(105);
  });

  it("accepts exactly 10,000 numbers", async () => {
    const result = await platform.numbers.addRange({ from: "+4930100000", to: "+4930109999" });
    expect(result.created).toBe(10_000);
  });
});

describe("assigning numbers", () => {
  it("assigns to a tenant, filters, searches and pages", async () => {
    const ids = await idsOf("+15551230000", "+15551230001");
    expect(await platform.numbers.assign({ ids, domainId: domainA })).toBe(2);
    const assigned = await platform.numbers.list({ status: "assigned" });
    expect(assigned.items.map((n) => n.e164)).toEqual(["+15551230000", "+15551230001"]);
    expect(assigned.items[0]?.domain?.name).toBe("a.example.com");
    expect((await platform.numbers.list({ domainId: domainA })).total).toBe(2);
    expect((await platform.numbers.list({ status: "unassigned", search: "555123" })).total).toBe(103);
    const page2 = await platform.numbers.list({ search: "+1555123", page: 2, pageSize: 25 });
    expect(page2.items[0]?.e164).toBe("+15551230025");
    const audit = await t.db.auditLog.findMany({ where: { action: "number.assign" }, select: { domainId: true } });
    expect(audit).toEqual([{ domainId: domainA }, { domainId: domainA }]);
  });

  it("refuses to assign a number owned by another tenant", async () => {
    const ids = await idsOf("+15551230000");
    await expect(platform.numbers.assign({ ids, domainId: domainB })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses to delete an assigned number", async () => {
    await expect(platform.numbers.delete({ ids: await idsOf("+15551230000") })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});

describe("tenant admins and their numbers", () => {
  it("see only their domain's numbers", async () => {
    const mine = await adminA.numbers.listMine({ domainId: domainA });
    expect(mine.items.map((n) => n.e164)).toEqual(["+15551230000", "+15551230001"]);
  });

  it("set a destination that exists in their domain", async () => {
    const [id] = await idsOf("+15551230000");
    const number = await adminA.numbers.setDestination({
      domainId: domainA,
      id: id!,
      destination: { type: "EXTENSION", target: "1001" },
    });
    expect(number).toMatchObject({ destType: "EXTENSION", destTarget: "1001" });
    const external = await adminA.numbers.setDestination({
      domainId: domainA,
      id: id!,
      destination: { type: "EXTERNAL", target: "+442071234567" },
    });
    expect(external.destType).toBe("EXTERNAL");
  });

  it("cannot point a number at something missing from their domain", async () => {
    const [id] = await idsOf("+15551230000");
    await expect(
      adminA.numbers.setDestination({ domainId: domainA, id: id!, destination: { type: "EXTENSION", target: "9999" } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      adminA.numbers.setDestination({
        domainId: domainA,
        id: id!,
        destination: { type: "RING_GROUP", target: "1001" },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      adminA.numbers.setDestination({ domainId: domainA, id: id!, destination: { type: "EXTERNAL", target: "1001" } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("get NOT_FOUND for another domain's numbers, by domain or by number id", async () => {
    const [bId] = await idsOf("+15551230002");
    await platform.numbers.assign({ ids: [bId!], domainId: domainB });
    await expect(adminA.numbers.listMine({ domainId: domainB })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      adminA.numbers.setDestination({ domainId: domainA, id: bId!, destination: { type: "HANGUP", target: null } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      adminA.numbers.setDestination({ domainId: domainB, id: bId!, destination: { type: "HANGUP", target: null } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(adminA.numbers.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("lose the number and its destination when the platform unassigns it", async () => {
    const [id] = await idsOf("+15551230000");
    expect(await platform.numbers.unassign({ ids: [id!] })).toBe(1);
    expect(await t.db.phoneNumber.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({
      domainId: null,
      destType: null,
      destTarget: null,
    });
    expect((await adminA.numbers.listMine({ domainId: domainA })).total).toBe(1);
  });
});
