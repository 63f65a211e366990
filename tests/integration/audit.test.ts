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
  await platform.extensions.create({ domainId: domainB, number: "2001", displayName: "Bob" });
  await platform.domains.update({ id: domainA, displayName: "A renamed" });
  await t.db.auditLog.create({
    data: {
      actorLabel: "old",
      action: "platform.seed",
      entityType: "Platform",
      createdAt: new Date("2026-01-15T12:00:00Z"),
    },
  });
});

afterAll(async () => {
  await t?.drop();
});

describe("audit log queries", () => {
  it("lists newest first with the before/after of each change", async () => {
    const page = await platform.audit.list({ pageSize: 2 });
    expect(page.total).toBe(6);
    expect(page.items[0]).toMatchObject({ action: "platform.seed" });
    const update = (await platform.audit.list({ action: "domain.update" })).items[0]!;
    expect(update.before).toMatchObject({ displayName: "A" });
    expect(update.after).toEqual({ displayName: "A renamed" });
    expect(update.domain?.name).toBe("a.example.com");
  });

  it("filters by domain, actor, action prefix, entity type and date range", async () => {
    expect((await platform.audit.list({ domainId: domainB })).items.map((r) => r.action)).toEqual([
      "extension.create",
      "domain.create",
    ]);
    expect((await platform.audit.list({ actor: "ADMIN@a" })).items.map((r) => r.action)).toEqual(["extension.create"]);
    expect((await platform.audit.list({ action: "domain." })).total).toBe(3);
    expect((await platform.audit.list({ entityType: "Extension" })).total).toBe(2);
    expect(
      (await platform.audit.list({ from: "2026-01-15", to: "2026-01-15" })).items.map((r) => r.actorLabel),
    ).toEqual(["old"]);
    expect((await platform.audit.list({ to: "2026-01-14" })).total).toBe(0);
    expect(await platform.audit.entityTypes()).toEqual(["Domain", "Extension", "Platform"]);
  });

  it("shows tenant admins only their domain's rows, whatever domain they ask for", async () => {
    const mine = await adminA.audit.tenant.list({ domainId: domainA });
    expect(mine.items.every((r) => r.domain?.id === domainA)).toBe(true);
    expect(mine.total).toBe(3);
    await expect(adminA.audit.tenant.list({ domainId: domainB })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(adminA.audit.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await adminA.audit.tenant.entityTypes({ domainId: domainA })).toEqual(["Domain", "Extension"]);
  });
});
