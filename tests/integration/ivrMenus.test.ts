import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { callerAs, createUser } from "../support/callers";

let t: TestDatabase;
let adminA: Awaited<ReturnType<typeof callerAs>>;
let userA: Awaited<ReturnType<typeof callerAs>>;
let domainA: string;

const menu = (overrides: Record<string, unknown> = {}) => ({
  domainId: domainA,
  number: "700",
  name: "Main menu",
  greeting: "say:Welcome to Acme. For sales press 1.",
  timeoutSeconds: 5,
  maxFailures: 3,
  invalid: { type: "IVR_MENU" as const, target: "700" },
  timeout: { type: "EXTENSION" as const, target: "1001" },
  options: [
    { digits: "1", destination: { type: "EXTENSION" as const, target: "1001" } },
    { digits: "9", destination: { type: "EXTERNAL" as const, target: "+15551234567" } },
    { digits: "#", destination: { type: "HANGUP" as const, target: "ignored" } },
  ],
  ...overrides,
});

beforeAll(async () => {
  t = await createTestDatabase();
  const platform = await callerAs(t.db, await createUser(t.db, "ops@itsp.example", { role: "PLATFORM_ADMIN" }));
  domainA = (
    await platform.domains.create({
      name: "a.example.com",
      displayName: "A",
      maxExtensions: 10,
      maxConcurrentCalls: 5,
      allowTenantRoutes: false,
    })
  ).id;
  adminA = await callerAs(
    t.db,
    await createUser(t.db, "admin@a.example.com", { role: "TENANT_ADMIN", domainId: domainA }),
  );
  const ext = await adminA.extensions.create({ domainId: domainA, number: "1001", displayName: "Alice" });
  userA = await callerAs(
    t.db,
    await createUser(t.db, "1001@a.example.com", {
      role: "TENANT_USER",
      domainId: domainA,
      extensionId: ext.extension.id,
    }),
  );
});

afterAll(async () => {
  await t?.drop();
});

describe("IVR menus", () => {
  let id: string;

  it("creates a menu with options; a menu may repeat itself; HANGUP drops any target", async () => {
    const created = await adminA.ivrMenus.create(menu());
    id = created.id;
    expect(created).toMatchObject({
      invalidType: "IVR_MENU",
      invalidTarget: "700",
      timeoutType: "EXTENSION",
      timeoutTarget: "1001",
    });
    expect(created.options).toEqual([
      { digits: "#", destType: "HANGUP", destTarget: null },
      { digits: "1", destType: "EXTENSION", destTarget: "1001" },
      { digits: "9", destType: "EXTERNAL", destTarget: "+15551234567" },
    ]);
    expect(await t.db.auditLog.count({ where: { action: "ivr-menu.create", entityId: id } })).toBe(1);
  });

  it("rejects repeated keys, bad greetings and destinations that do not exist", async () => {
    const twice = menu({ number: "701", options: [menu().options[0], menu().options[0]] });
    await expect(adminA.ivrMenus.create(twice)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      adminA.ivrMenus.create(menu({ number: "701", greeting: "say:${system rm -rf}" })),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(adminA.ivrMenus.create(menu({ number: "701", greeting: "../../etc/passwd" }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      adminA.ivrMenus.create(
        menu({ number: "701", options: [{ digits: "2", destination: { type: "RING_GROUP", target: "600" } }] }),
      ),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "There is no ring group 600 in this domain" });
    await expect(adminA.ivrMenus.create(menu({ number: "1001" }))).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await t.db.ivrMenu.count()).toBe(1);
  });

  it("replaces options on update", async () => {
    const updated = await adminA.ivrMenus.update({
      ...menu({
        greeting: "ivr/ivr-welcome.wav",
        options: [{ digits: "0", destination: { type: "VOICEMAIL", target: "1001" } }],
      }),
      id,
    });
    expect(updated.greeting).toBe("ivr/ivr-welcome.wav");
    expect(updated.options).toEqual([{ digits: "0", destType: "VOICEMAIL", destTarget: "1001" }]);
    expect(await t.db.ivrOption.count()).toBe(1);
  });

  it("is for tenant admins only", async () => {
    await expect(userA.ivrMenus.list({ domainId: domainA })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(userA.ivrMenus.delete({ domainId: domainA, id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("will not delete a menu another menu sends callers to, but ignores its own repeat option", async () => {
    await adminA.ivrMenus.create(
      menu({
        number: "701",
        name: "Sub",
        invalid: { type: "HANGUP", target: null },
        options: [{ digits: "*", destination: { type: "IVR_MENU", target: "700" } }],
      }),
    );
    await expect(adminA.ivrMenus.delete({ domainId: domainA, id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: 'Still in use by IVR menu "Sub" (key *)',
    });
    const sub = await t.db.ivrMenu.findFirstOrThrow({ where: { number: "701" } });
    await adminA.ivrMenus.delete({ domainId: domainA, id: sub.id });
    await adminA.ivrMenus.delete({ domainId: domainA, id });
    expect(await t.db.ivrMenu.count()).toBe(0);
    expect(await t.db.ivrOption.count()).toBe(0);
  });
});
