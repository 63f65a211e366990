import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { open } from "@/server/security/secretBox";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { callerAs, createUser } from "../support/callers";

let t: TestDatabase;
let platform: Awaited<ReturnType<typeof callerAs>>;
let tenantAdmin: string;
let domainId: string;

const base = {
  name: "carrier-east",
  proxyHost: "sip.east.example",
  proxyPort: 5060,
  transport: "UDP" as const,
  realm: null,
  username: "acct1",
  register: true,
  expireSeconds: 3600,
  callerIdInFrom: true,
  pingSeconds: 30,
  enabled: true,
};

async function outboxTopics(): Promise<{ topic: string; payload: unknown }[]> {
  const latest = await t.db.clusterRevision.findFirstOrThrow({ orderBy: { id: "desc" }, select: { id: true } });
  return t.db.outboxEvent.findMany({
    where: { revisionId: latest.id },
    select: { topic: true, payload: true },
    orderBy: { id: "asc" },
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  platform = await callerAs(t.db, await createUser(t.db, "ops@itsp.example", { role: "PLATFORM_ADMIN" }));
  const domain = await platform.domains.create({
    name: "a.example.com",
    displayName: "A",
    maxExtensions: 5,
    maxConcurrentCalls: 5,
    allowTenantRoutes: true,
  });
  domainId = domain.id;
  tenantAdmin = await createUser(t.db, "admin@a.example.com", { role: "TENANT_ADMIN", domainId });
});

afterAll(async () => {
  await t?.drop();
});

describe("trunks", () => {
  let id: string;

  it("creates a trunk with a sealed password that is never returned, and pushes gateway + ACL", async () => {
    const trunk = await platform.trunks.create({ ...base, password: "carrier-secret" });
    id = trunk.id;
    expect(trunk.hasPassword).toBe(true);
    expect(JSON.stringify(trunk)).not.toContain("carrier-secret");
    expect(trunk).not.toHaveProperty("passwordEnc");
    const row = await t.db.trunk.findUniqueOrThrow({ where: { id } });
    expect(row.passwordEnc).not.toContain("carrier-secret");
    expect(open(row.passwordEnc!)).toBe("carrier-secret");
    expect(await outboxTopics()).toEqual([
      { topic: "freeswitch.trunk-changed", payload: { gateway: "carrier-east" } },
      { topic: "freeswitch.acl-changed", payload: {} },
    ]);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "trunk.create" }, select: { after: true } });
    expect(JSON.stringify(audit)).not.toContain("carrier-secret");
  });

  it("rejects a duplicate gateway name next to the name field", async () => {
    const error = await platform.trunks.create({ ...base }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("CONFLICT");
  });

  it("requires a username when the trunk registers", async () => {
    await expect(platform.trunks.create({ ...base, name: "other", username: null })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("keeps the password when none is sent, renames with previousGateway, and pushes ACL only on a host change", async () => {
    await platform.trunks.update({ id, ...base, name: "carrier-east-2" });
    expect(await outboxTopics()).toEqual([
      { topic: "freeswitch.trunk-changed", payload: { gateway: "carrier-east-2", previousGateway: "carrier-east" } },
    ]);
    const row = await t.db.trunk.findUniqueOrThrow({ where: { id } });
    expect(open(row.passwordEnc!)).toBe("carrier-secret");

    await platform.trunks.update({ id, ...base, name: "carrier-east-2", proxyHost: "203.0.113.10", password: "" });
    expect((await outboxTopics()).map((e) => e.topic)).toEqual(["freeswitch.trunk-changed", "freeswitch.acl-changed"]);
    expect((await t.db.trunk.findUniqueOrThrow({ where: { id } })).passwordEnc).toBeNull();
  });

  it("refuses to delete a trunk a route still uses, then deletes it once free", async () => {
    const route = await platform.routes.platform.create({
      name: "US",
      priority: 10,
      pattern: "_1NXXNXXXXXX",
      stripDigits: 0,
      prepend: "",
      callerIdNumber: null,
      trunkIds: [id],
      enabled: true,
    });
    await expect(platform.trunks.delete({ id })).rejects.toMatchObject({ code: "CONFLICT" });
    await platform.routes.platform.delete({ id: route.id });
    await platform.trunks.delete({ id });
    expect(await t.db.trunk.count()).toBe(0);
    expect((await outboxTopics()).map((e) => e.topic)).toEqual(["freeswitch.trunk-changed", "freeswitch.acl-changed"]);
  });

  it("is for platform admins only", async () => {
    const admin = await callerAs(t.db, tenantAdmin);
    await expect(admin.trunks.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(admin.trunks.create({ ...base, name: "sneaky" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
