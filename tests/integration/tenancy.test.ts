import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { anonymousCaller, callerAs, createUser } from "../support/callers";
import { createTwoTenants } from "../support/twoTenants";

let t: TestDatabase;
let domainA: { id: string };
let domainB: { id: string };
let extA: string;
const users: Record<string, string> = {};

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
  return "OK";
}

beforeAll(async () => {
  t = await createTestDatabase();
  const fx = await createTwoTenants(t.db, { adminB: true });
  domainA = { id: fx.domainA };
  domainB = { id: fx.domainB };
  users.platform = fx.platformId;
  users.adminA = fx.adminAId;
  users.adminB = fx.adminBId;
  const created = await (
    await callerAs(t.db, users.adminA)
  ).extensions.create({
    domainId: domainA.id,
    number: "1001",
    displayName: "Alice",
  });
  extA = created.extension.id;
  users.userA = await createUser(t.db, "1001@a.example.com", {
    role: "TENANT_USER",
    domainId: domainA.id,
    extensionId: extA,
  });
});

afterAll(async () => {
  await t?.drop();
});

describe("tenant isolation", () => {
  it("lets a tenant admin read their own extension", async () => {
    const a = await callerAs(t.db, users.adminA!);
    const ext = await a.extensions.get({ domainId: domainA.id, id: extA });
    expect(ext.number).toBe("1001");
    const list = await a.extensions.list({ domainId: domainA.id });
    expect(list.items.map((e) => e.number)).toEqual(["1001"]);
  });

  it("answers NOT_FOUND to another tenant's admin asking by the other domain id", async () => {
    const b = await callerAs(t.db, users.adminB!);
    expect(await codeOf(b.extensions.get({ domainId: domainA.id, id: extA }))).toBe("NOT_FOUND");
    expect(await codeOf(b.extensions.list({ domainId: domainA.id }))).toBe("NOT_FOUND");
    expect(await codeOf(b.extensions.update({ domainId: domainA.id, id: extA, displayName: "pwned" }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(b.extensions.delete({ domainId: domainA.id, id: extA }))).toBe("NOT_FOUND");
  });

  it("answers NOT_FOUND when the extension id belongs to another domain than the one asked for", async () => {
    const b = await callerAs(t.db, users.adminB!);
    expect(await codeOf(b.extensions.get({ domainId: domainB.id, id: extA }))).toBe("NOT_FOUND");
    expect(await codeOf(b.extensions.resetSipPassword({ domainId: domainB.id, id: extA }))).toBe("NOT_FOUND");
    expect((await t.db.extension.findUniqueOrThrow({ where: { id: extA } })).displayName).toBe("Alice");
  });

  it("keeps tenant admins out of platform procedures", async () => {
    const a = await callerAs(t.db, users.adminA!);
    expect(await codeOf(a.domains.list({}))).toBe("FORBIDDEN");
    expect(await codeOf(a.domains.get({ id: domainA.id }))).toBe("FORBIDDEN");
  });

  it("gives end users their own extension only", async () => {
    const u = await callerAs(t.db, users.userA!);
    expect((await u.extensions.mine({ domainId: domainA.id })).id).toBe(extA);
    expect(await codeOf(u.extensions.list({ domainId: domainA.id }))).toBe("NOT_FOUND");
    expect(await codeOf(u.extensions.get({ domainId: domainA.id, id: extA }))).toBe("NOT_FOUND");
    expect(await codeOf(u.extensions.mine({ domainId: domainB.id }))).toBe("NOT_FOUND");
  });

  it("rejects anonymous callers", async () => {
    expect(await codeOf(anonymousCaller(t.db).extensions.list({ domainId: domainA.id }))).toBe("UNAUTHORIZED");
  });

  it("applies a revoked membership on the next request", async () => {
    const temp = await createUser(t.db, "temp@a.example.com", { role: "TENANT_ADMIN", domainId: domainA.id });
    const before = await callerAs(t.db, temp);
    expect((await before.extensions.list({ domainId: domainA.id })).total).toBe(1);
    await t.db.membership.deleteMany({ where: { userId: temp } });
    await expect(callerAs(t.db, temp).then((c) => c.extensions.list({ domainId: domainA.id }))).rejects.toThrow();
  });
});

describe("extension credentials", () => {
  it("stores the FreeSWITCH a1-hash, never the plain password, and returns the password once", async () => {
    const a = await callerAs(t.db, users.adminA!);
    const chosen = "Str0ngSipPassw0rd";
    const { extension, sipPassword } = await a.extensions.create({
      domainId: domainA.id,
      number: "1002",
      displayName: "Bob",
      sipPassword: chosen,
    });
    expect(sipPassword).toBe(chosen);
    const row = await t.db.extension.findUniqueOrThrow({ where: { id: extension.id } });
    expect(row.sipA1Hash).toBe(createHash("md5").update(`1002:a.example.com:${chosen}`).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(chosen);
    expect(JSON.stringify(extension)).not.toContain(row.sipA1Hash);
  });

  it("rejects a weak chosen SIP password with the field named", async () => {
    const a = await callerAs(t.db, users.adminA!);
    await expect(
      a.extensions.create({ domainId: domainA.id, number: "1003", displayName: "Weak", sipPassword: "12345" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("writes an audit row, a cluster revision and a flush event in the same transaction", async () => {
    const a = await callerAs(t.db, users.adminA!);
    const revisionsBefore = await t.db.clusterRevision.count();
    const { extension } = await a.extensions.create({ domainId: domainA.id, number: "1004", displayName: "Carol" });
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { entityId: extension.id, action: "extension.create" },
    });
    expect(audit.actorUserId).toBe(users.adminA);
    expect(audit.domainId).toBe(domainA.id);
    expect(audit.ip).toBe("203.0.113.7");
    expect(await t.db.clusterRevision.count()).toBe(revisionsBefore + 1);
    const event = await t.db.outboxEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(event.topic).toBe("freeswitch.flush-user");
    expect(event.payload).toEqual({ domain: "a.example.com", users: ["1004"] });
  });

  it("rolls back the extension when the number is taken, leaving no audit row", async () => {
    const a = await callerAs(t.db, users.adminA!);
    const auditBefore = await t.db.auditLog.count();
    await expect(
      a.extensions.create({ domainId: domainA.id, number: "1001", displayName: "Dup" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await t.db.auditLog.count()).toBe(auditBefore);
  });

  it("enforces the domain's extension limit", async () => {
    const a = await callerAs(t.db, users.adminA!);
    await a.extensions.create({ domainId: domainA.id, number: "1005", displayName: "E" });
    await a.extensions.create({ domainId: domainA.id, number: "1006", displayName: "F" });
    expect(await t.db.extension.count({ where: { domainId: domainA.id } })).toBe(5);
    await expect(a.extensions.create({ domainId: domainA.id, number: "1007", displayName: "G" })).rejects.toMatchObject(
      {
        code: "UNPROCESSABLE_CONTENT",
      },
    );
  });
});

describe("domains", () => {
  it("creates the tenant's first admin with the tenant, and refuses a duplicate name", async () => {
    const admin = await callerAs(t.db, users.platform!);
    const d = await admin.domains.create({
      name: "C.Example.com",
      displayName: "C",
      maxExtensions: 10,
      maxConcurrentCalls: 2,
      allowTenantRoutes: false,
      admin: { email: "Boss@C.example.com", name: "Boss", password: "long-enough-password" },
    });
    expect(d.name).toBe("c.example.com");
    const user = await t.db.user.findUniqueOrThrow({
      where: { email: "boss@c.example.com" },
      include: { memberships: true },
    });
    expect(user.memberships).toMatchObject([{ role: "TENANT_ADMIN", domainId: d.id }]);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    await expect(
      admin.domains.create({
        name: "c.example.com",
        displayName: "C2",
        maxExtensions: 1,
        maxConcurrentCalls: 1,
        allowTenantRoutes: false,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("rejects a name that is not an FQDN", async () => {
    const admin = await callerAs(t.db, users.platform!);
    await expect(
      admin.domains.create({
        name: "not a domain",
        displayName: "X",
        maxExtensions: 1,
        maxConcurrentCalls: 1,
        allowTenantRoutes: false,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("deletes only when the typed name matches", async () => {
    const admin = await callerAs(t.db, users.platform!);
    const d = await admin.domains.create({
      name: "gone.example.com",
      displayName: "Gone",
      maxExtensions: 1,
      maxConcurrentCalls: 1,
      allowTenantRoutes: false,
    });
    await expect(admin.domains.delete({ id: d.id, confirmName: "gone.example" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await admin.domains.delete({ id: d.id, confirmName: "gone.example.com" });
    expect(await t.db.domain.findUnique({ where: { id: d.id } })).toBeNull();
  });
});
