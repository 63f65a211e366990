import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCaller } from "@/server/auth/loadCaller";
import { verifyPassword } from "@/server/security/password";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { callerAs, createUser } from "../support/callers";
import { createTwoTenants } from "../support/twoTenants";

let t: TestDatabase;
let platformId: string;
let platform: Awaited<ReturnType<typeof callerAs>>;
let adminAId: string;
let adminA: Awaited<ReturnType<typeof callerAs>>;
let domainA: string;
let domainB: string;
let extA: string;
let extB: string;

beforeAll(async () => {
  t = await createTestDatabase();
  ({ platformId, platform, domainA, domainB, adminAId, adminA } = await createTwoTenants(t.db));
  extA = (await platform.extensions.create({ domainId: domainA, number: "1001", displayName: "Alice" })).extension.id;
  extB = (await platform.extensions.create({ domainId: domainB, number: "2001", displayName: "Bob" })).extension.id;
});

afterAll(async () => {
  await t?.drop();
});

describe("platform user management", () => {
  let carolId: string;

  it("creates a user with several roles, lower-cases the email and hashes the password with argon2id", async () => {
    const carol = await platform.users.platform.create({
      email: "Carol@Example.COM",
      name: "Carol",
      password: "correct horse battery",
      memberships: [
        { role: "TENANT_ADMIN", domainId: domainA, extensionId: null },
        { role: "TENANT_USER", domainId: domainB, extensionId: extB },
      ],
    });
    carolId = carol.id;
    expect(carol.email).toBe("carol@example.com");
    expect(carol.memberships.map((m) => [m.role, m.domain?.name, m.extension?.number ?? null])).toEqual([
      ["TENANT_ADMIN", "a.example.com", null],
      ["TENANT_USER", "b.example.com", "2001"],
    ]);
    const row = await t.db.user.findUniqueOrThrow({ where: { id: carol.id } });
    expect(row.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(row.passwordHash, "correct horse battery")).toBe(true);
    await expect(
      platform.users.platform.create({
        email: "carol@example.com",
        name: "C2",
        password: "correct horse battery",
        memberships: [{ role: "PLATFORM_ADMIN", domainId: null, extensionId: null }],
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses an end-user grant whose extension is in another domain", async () => {
    await expect(
      platform.users.platform.create({
        email: "dave@example.com",
        name: "Dave",
        password: "correct horse battery",
        memberships: [{ role: "TENANT_USER", domainId: domainA, extensionId: extB }],
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("filters the list by role and tenant", async () => {
    expect((await platform.users.platform.list({ role: "PLATFORM_ADMIN" })).items.map((u) => u.email)).toEqual([
      "ops@itsp.example",
    ]);
    expect((await platform.users.platform.list({ domainId: domainB })).items.map((u) => u.email)).toEqual([
      "carol@example.com",
    ]);
  });

  it("disables a user so they can no longer act, and enables them again", async () => {
    await platform.users.platform.setDisabled({ id: carolId, disabled: true });
    expect(await loadCaller(t.db, carolId)).toBeNull();
    await platform.users.platform.setDisabled({ id: carolId, disabled: false });
    expect(await loadCaller(t.db, carolId)).not.toBeNull();
    await expect(platform.users.platform.setDisabled({ id: platformId, disabled: true })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("resets a password and replaces memberships, but never its own platform role", async () => {
    await platform.users.platform.resetPassword({ id: carolId, password: "a brand new password" });
    const row = await t.db.user.findUniqueOrThrow({ where: { id: carolId } });
    expect(await verifyPassword(row.passwordHash, "a brand new password")).toBe(true);
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "user.reset-password" },
      select: { before: true, after: true },
    });
    expect(JSON.stringify(audit)).not.toContain("brand new");

    const updated = await platform.users.platform.setMemberships({
      id: carolId,
      memberships: [{ role: "PLATFORM_ADMIN", domainId: null, extensionId: null }],
    });
    expect(updated.memberships.map((m) => m.role)).toEqual(["PLATFORM_ADMIN"]);
    await expect(
      platform.users.platform.setMemberships({
        id: platformId,
        memberships: [{ role: "TENANT_ADMIN", domainId: domainA, extensionId: null }],
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("tenant user management", () => {
  let userId: string;

  it("creates an end user linked to an extension of the domain", async () => {
    const user = await adminA.users.tenant.create({
      domainId: domainA,
      email: "Alice@A.example.com",
      name: "Alice",
      password: "alice password 1",
      role: "TENANT_USER",
      extensionId: extA,
    });
    userId = user.id;
    expect(user).toMatchObject({
      email: "alice@a.example.com",
      role: "TENANT_USER",
      extension: { number: "1001" },
      shared: false,
    });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "user.create", entityId: userId } });
    expect(audit.domainId).toBe(domainA);
  });

  it("cannot link an extension of another domain", async () => {
    await expect(
      adminA.users.tenant.create({
        domainId: domainA,
        email: "x@a.example.com",
        name: "X",
        password: "x password 12",
        role: "TENANT_USER",
        extensionId: extB,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("sees only grants in the domain, and users with access elsewhere as shared", async () => {
    const bUser = await createUser(t.db, "bob@b.example.com", { role: "TENANT_ADMIN", domainId: domainB });
    await t.db.membership.create({ data: { userId: bUser, role: "TENANT_ADMIN", domainId: domainA } });
    const list = await adminA.users.tenant.list({ domainId: domainA });
    expect(list.items.map((u) => u.email)).toEqual(["admin@a.example.com", "alice@a.example.com", "bob@b.example.com"]);
    const bob = list.items.find((u) => u.email === "bob@b.example.com")!;
    expect(bob.shared).toBe(true);
    expect(JSON.stringify(bob)).not.toContain(domainB);
    await expect(
      adminA.users.tenant.setDisabled({ domainId: domainA, id: bob.id, disabled: true }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      adminA.users.tenant.resetPassword({ domainId: domainA, id: bob.id, password: "sneaky password" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await adminA.users.tenant.remove({ domainId: domainA, id: bob.id });
    expect(await t.db.membership.findMany({ where: { userId: bob.id }, select: { domainId: true } })).toEqual([
      { domainId: domainB },
    ]);
  });

  it("promotes, disables and removes its own users, but not itself", async () => {
    const promoted = await adminA.users.tenant.update({
      domainId: domainA,
      id: userId,
      name: "Alice A.",
      role: "TENANT_ADMIN",
      extensionId: null,
    });
    expect(promoted).toMatchObject({ role: "TENANT_ADMIN", name: "Alice A.", extension: null });
    await adminA.users.tenant.setDisabled({ domainId: domainA, id: userId, disabled: true });
    expect(await loadCaller(t.db, userId)).toBeNull();
    await expect(
      adminA.users.tenant.setDisabled({ domainId: domainA, id: adminAId, disabled: true }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      adminA.users.tenant.update({
        domainId: domainA,
        id: adminAId,
        name: "me",
        role: "TENANT_USER",
        extensionId: extA,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await adminA.users.tenant.remove({ domainId: domainA, id: userId });
    expect(await t.db.user.count({ where: { id: userId } })).toBe(0);
  });

  it("answers NOT_FOUND for users of another domain and cannot reach platform user management", async () => {
    const bAdmin = (await t.db.user.findUniqueOrThrow({ where: { email: "carol@example.com" } })).id;
    const onlyB = await createUser(t.db, "only@b.example.com", { role: "TENANT_ADMIN", domainId: domainB });
    await expect(adminA.users.tenant.list({ domainId: domainB })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      adminA.users.tenant.setDisabled({ domainId: domainA, id: onlyB, disabled: true }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      adminA.users.tenant.resetPassword({ domainId: domainA, id: onlyB, password: "sneaky password" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(adminA.users.tenant.remove({ domainId: domainA, id: bAdmin })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      adminA.users.tenant.update({ domainId: domainA, id: onlyB, name: "x", role: "TENANT_ADMIN", extensionId: null }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(adminA.users.platform.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await t.db.user.findUniqueOrThrow({ where: { id: onlyB } })).toMatchObject({ disabled: false });
  });
});
