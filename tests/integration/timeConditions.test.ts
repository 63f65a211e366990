import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { tenantRest } from "../support/tenantRest";
import { createTwoTenants } from "../support/twoTenants";

let t: TestDatabase;
const withAdminB = (db: TestDatabase["db"]) => createTwoTenants(db, { adminB: true });
let tenants: Awaited<ReturnType<typeof withAdminB>>;

const hours = (domainId: string, overrides: Record<string, unknown> = {}) => ({
  domainId,
  number: "800",
  name: "Office hours",
  weeklyHours: [{ days: [5, 1, 2, 3, 4], start: "09:00", end: "18:00" }],
  holidays: [{ date: "2026-12-25", label: "Christmas" }],
  open: { type: "EXTENSION" as const, target: "1001" },
  closed: { type: "VOICEMAIL" as const, target: "1001" },
  ...overrides,
});

beforeAll(async () => {
  t = await createTestDatabase();
  tenants = await withAdminB(t.db);
  for (const [admin, domainId] of [
    [tenants.adminA, tenants.domainA],
    [tenants.adminB, tenants.domainB],
  ] as const)
    await admin.extensions.create({ domainId, number: "1001", displayName: "Alice", voicemailEnabled: true });
});

afterAll(async () => {
  await t?.drop();
});

describe("business hours", () => {
  it("creates them with the days in order, shows the branch of now, and audits", async () => {
    const created = await tenants.adminA.timeConditions.create(hours(tenants.domainA));
    expect(created.weeklyHours[0]?.days).toEqual([1, 2, 3, 4, 5]);
    expect(["open", "closed"]).toContain(created.now.branch);
    const audit = await t.db.auditLog.findFirst({ where: { action: "time-condition.create", entityId: created.id } });
    expect(audit?.domainId).toBe(tenants.domainA);
    await tenants.adminA.timeConditions.delete({ domainId: tenants.domainA, id: created.id });
  });

  it("refuses bad input with field errors", async () => {
    await expect(
      tenants.adminA.timeConditions.create(
        hours(tenants.domainA, { weeklyHours: [{ days: [1], start: "09:00", end: "25:00" }] }),
      ),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("weeklyHours") });
    await expect(
      tenants.adminA.timeConditions.create(hours(tenants.domainA, { holidays: [{ date: "2026-02-30", label: "" }] })),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Not a calendar date") });
    await expect(
      tenants.adminA.timeConditions.create(hours(tenants.domainA, { open: { type: "TIME_CONDITION", target: "800" } })),
    ).rejects.toMatchObject({ message: "Business hours cannot send calls to themselves" });
    await expect(
      tenants.adminA.timeConditions.create(hours(tenants.domainA, { closed: { type: "RING_GROUP", target: "600" } })),
    ).rejects.toMatchObject({ message: "There is no ring group 600 in this domain" });
    await expect(
      tenants.adminA.timeConditions.setTimeZone({ domainId: tenants.domainA, timeZone: "Mars/Olympus" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("shares the number space, and is a destination other things can use and depend on", async () => {
    await expect(
      tenants.adminA.timeConditions.create(hours(tenants.domainA, { number: "1001" })),
    ).rejects.toMatchObject({
      message: "1001 is already used by an extension",
    });
    const office = await tenants.adminA.timeConditions.create(hours(tenants.domainA));
    await expect(
      tenants.adminA.extensions.create({ domainId: tenants.domainA, number: "800", displayName: "Clash" }),
    ).rejects.toMatchObject({ message: "800 is already used by business hours" });
    const group = await tenants.adminA.ringGroups.create({
      domainId: tenants.domainA,
      number: "600",
      name: "Sales",
      strategy: "SIMULTANEOUS",
      ringTimeout: 20,
      fallback: { type: "TIME_CONDITION", target: "800" },
      memberIds: [],
    });
    await expect(
      tenants.adminA.timeConditions.delete({ domainId: tenants.domainA, id: office.id }),
    ).rejects.toMatchObject({
      message: 'Cannot delete business hours still used by ring group "Sales" (fallback)',
    });
    await tenants.adminA.ringGroups.delete({ domainId: tenants.domainA, id: group.id });
    await tenants.adminA.timeConditions.delete({ domainId: tenants.domainA, id: office.id });
  });

  it("tenant B never sees, changes or points at tenant A's business hours", async () => {
    const office = await tenants.adminA.timeConditions.create(hours(tenants.domainA, { number: "801" }));
    expect((await tenants.adminB.timeConditions.list({ domainId: tenants.domainB })).items).toEqual([]);
    await expect(tenants.adminB.timeConditions.get({ domainId: tenants.domainA, id: office.id })).rejects.toMatchObject(
      {
        code: "NOT_FOUND",
      },
    );
    await expect(tenants.adminB.timeConditions.get({ domainId: tenants.domainB, id: office.id })).rejects.toMatchObject(
      {
        code: "NOT_FOUND",
      },
    );
    await expect(
      tenants.adminB.timeConditions.setClosedNow({ domainId: tenants.domainB, id: office.id, closedNow: true }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      tenants.adminB.ringGroups.create({
        domainId: tenants.domainB,
        number: "600",
        name: "B",
        strategy: "SIMULTANEOUS",
        ringTimeout: 20,
        fallback: { type: "TIME_CONDITION", target: "801" },
        memberIds: [],
      }),
    ).rejects.toMatchObject({ message: "There is no business hours 801 in this domain" });
    expect((await t.db.timeCondition.findUniqueOrThrow({ where: { id: office.id } })).closedNow).toBe(false);
  });

  it("the simulator shows the branch for a chosen local time, and follows it", async () => {
    await tenants.adminA.timeConditions.setTimeZone({ domainId: tenants.domainA, timeZone: "America/New_York" });
    await tenants.adminA.timeConditions.create(hours(tenants.domainA, { number: "802" }));
    const run = (at: string) =>
      tenants.adminA.simulator.run({ domainId: tenants.domainA, fromExtension: "1001", dialed: "802", at });
    const open = await run("2026-12-01T17:59");
    expect(open[0]?.rule).toMatchObject({ type: "time-condition", branch: "open", next: "1001" });
    expect(open[1]?.rule).toMatchObject({ type: "extension", number: "1001" });
    const closed = await run("2026-12-01T18:00");
    expect(closed[0]?.rule).toMatchObject({
      type: "time-condition",
      branch: "closed",
      reason: "Tue 2026-12-01 18:00:00 America/New_York: outside business hours",
    });
    expect(closed[1]?.rule).toMatchObject({ type: "voicemail", box: "1001" });
    expect((await run("2026-12-25T10:00"))[0]?.rule).toMatchObject({
      branch: "closed",
      reason: expect.stringContaining("Christmas"),
    });
  });

  it("the closed-now switch is tenant admins' and audited", async () => {
    const office = await tenants.adminA.timeConditions.create(hours(tenants.domainA, { number: "803" }));
    const closed = await tenants.adminA.timeConditions.setClosedNow({
      domainId: tenants.domainA,
      id: office.id,
      closedNow: true,
    });
    expect(closed.now).toEqual({ branch: "closed", reason: "switched to closed by hand", validUntil: null });
    expect(await t.db.auditLog.count({ where: { action: "time-condition.closed-now", entityId: office.id } })).toBe(1);
  });
});

describe("business hours over REST", () => {
  it("creates with 201, switches closed, answers 422 naming the field, 404 for another tenant", async () => {
    const [sendA, sendB] = [await tenantRest(t.db, tenants.domainA), await tenantRest(t.db, tenants.domainB)];
    const { domainId: _, ...body } = hours(tenants.domainA, { number: "810" });
    const created = await sendA("POST", `/domains/${tenants.domainA}/business-hours`, body);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const switched = await sendA("PUT", `/domains/${tenants.domainA}/business-hours/${id}/closed-now`, {
      closedNow: true,
    });
    expect(((await switched.json()) as { closedNow: boolean }).closedNow).toBe(true);
    const bad = await sendA("PUT", `/domains/${tenants.domainA}/time-zone`, { timeZone: "Nowhere/Land" });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain("timeZone");
    expect((await sendB("GET", `/domains/${tenants.domainB}/business-hours/${id}`)).status).toBe(404);
    expect((await sendA("DELETE", `/domains/${tenants.domainA}/business-hours/${id}`)).status).toBe(204);
  });
});
