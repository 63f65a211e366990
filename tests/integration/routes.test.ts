import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import type { callerAs } from "../support/callers";
import { createTwoTenants } from "../support/twoTenants";

let t: TestDatabase;
let platform: Awaited<ReturnType<typeof callerAs>>;
let adminA: Awaited<ReturnType<typeof callerAs>>;
let adminB: Awaited<ReturnType<typeof callerAs>>;
let domainA: string;
let domainB: string;
let east: string;
let west: string;
let bOnly: string;

const route = (trunkIds: string[]) => ({
  name: "US long distance",
  priority: 10,
  pattern: "_1NXXNXXXXXX",
  stripDigits: 1,
  prepend: "+1",
  callerIdNumber: "",
  trunkIds,
  enabled: true,
});

beforeAll(async () => {
  t = await createTestDatabase();
  ({ platform, domainA, domainB, adminA, adminB } = await createTwoTenants(t.db, {
    a: { allowTenantRoutes: true },
    adminB: true,
  }));
  const trunk = {
    proxyPort: 5060,
    transport: "UDP" as const,
    realm: null,
    username: null,
    register: false,
    expireSeconds: 3600,
    callerIdInFrom: true,
    pingSeconds: 30,
    enabled: true,
  };
  east = (await platform.trunks.create({ ...trunk, name: "east", proxyHost: "east.example" })).id;
  west = (await platform.trunks.create({ ...trunk, name: "west", proxyHost: "west.example" })).id;
  bOnly = (await t.db.trunk.create({ data: { name: "b-private", proxyHost: "b.example", domainId: domainB } })).id;
});

afterAll(async () => {
  await t?.drop();
});

describe("platform routes", () => {
  it("keep the trunk order for failover and list by priority", async () => {
    const created = await platform.routes.platform.create(route([west, east]));
    expect(created.trunks.map((x) => x.trunk.name)).toEqual(["west", "east"]);
    expect(created.callerIdNumber).toBeNull();
    await platform.routes.platform.create({ ...route([east]), name: "Emergency", priority: 1, pattern: "911" });
    const list = await platform.routes.platform.list({});
    expect(list.items.map((r) => r.name)).toEqual(["Emergency", "US long distance"]);
    const updated = await platform.routes.platform.update({
      ...route([east, west]),
      id: created.id,
      callerIdNumber: "+15551230000",
    });
    expect(updated.trunks.map((x) => x.trunk.name)).toEqual(["east", "west"]);
    expect(updated.callerIdNumber).toBe("+15551230000");
  });

  it("reject an invalid pattern with the compiler's message, and duplicate trunks", async () => {
    const bad = await platform.routes.platform.create({ ...route([east]), pattern: "_1X.X" }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: "BAD_REQUEST" });
    expect(String((bad as Error).message)).toContain("only allowed at the end");
    await expect(platform.routes.platform.create(route([east, east]))).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("cannot use a tenant's private trunk", async () => {
    await expect(platform.routes.platform.create(route([bOnly]))).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("are not visible or editable by tenant admins", async () => {
    await expect(adminA.routes.platform.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await adminA.routes.tenant.list({ domainId: domainA })).items).toEqual([]);
  });
});

describe("tenant routes", () => {
  let routeA: string;

  it("can be created when the domain allows them, with platform trunks", async () => {
    const list = await adminA.routes.tenant.list({ domainId: domainA });
    expect(list.editable).toBe(true);
    const choices = await adminA.routes.tenant.trunkChoices({ domainId: domainA });
    expect(choices.map((c) => c.name)).toEqual(["east", "west"]);
    routeA = (await adminA.routes.tenant.create({ domainId: domainA, ...route([east]) })).id;
    expect(await t.db.outboundRoute.findUniqueOrThrow({ where: { id: routeA } })).toMatchObject({ domainId: domainA });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "route.create", entityId: routeA } });
    expect(audit.domainId).toBe(domainA);
  });

  it("are refused when the domain does not allow them", async () => {
    expect((await adminB.routes.tenant.list({ domainId: domainB })).editable).toBe(false);
    await expect(adminB.routes.tenant.create({ domainId: domainB, ...route([east]) })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("may use the domain's own trunks but not another domain's", async () => {
    await expect(adminA.routes.tenant.create({ domainId: domainA, ...route([bOnly]) })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("answer NOT_FOUND across tenants, by domain or by route id", async () => {
    await t.db.domain.update({ where: { id: domainB }, data: { allowTenantRoutes: true } });
    await expect(adminB.routes.tenant.list({ domainId: domainA })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      adminB.routes.tenant.update({ domainId: domainB, id: routeA, ...route([east]) }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(adminB.routes.tenant.delete({ domainId: domainB, id: routeA })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(adminB.routes.tenant.delete({ domainId: domainA, id: routeA })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await t.db.outboundRoute.count({ where: { id: routeA } })).toBe(1);
  });

  it("are deleted by their own admin", async () => {
    await adminA.routes.tenant.delete({ domainId: domainA, id: routeA });
    expect(await t.db.outboundRoute.count({ where: { domainId: domainA } })).toBe(0);
  });
});
