import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/server/security/password";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { anonymousCaller, callerAs, createUser } from "../support/callers";

let t: TestDatabase;
let userId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  userId = await createUser(t.db, "ops@itsp.example", { role: "PLATFORM_ADMIN" });
});

afterAll(async () => {
  await t?.drop();
});

describe("account.changePassword", () => {
  it("refuses a wrong current password and leaves the hash alone", async () => {
    const me = await callerAs(t.db, userId);
    const before = (await t.db.user.findUniqueOrThrow({ where: { id: userId } })).passwordHash;
    await expect(
      me.account.changePassword({
        currentPassword: "wrong-password",
        newPassword: "a-new-long-password",
        confirmPassword: "a-new-long-password",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "That is not your current password" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: userId } })).passwordHash).toBe(before);
  });

  it("refuses a short or mistyped new password", async () => {
    const me = await callerAs(t.db, userId);
    await expect(
      me.account.changePassword({
        currentPassword: "fixture-password",
        newPassword: "short",
        confirmPassword: "short",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      me.account.changePassword({
        currentPassword: "fixture-password",
        newPassword: "a-new-long-password",
        confirmPassword: "a-new-long-passw0rd",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("changes it with the right current password and audits without the secret", async () => {
    const me = await callerAs(t.db, userId);
    await me.account.changePassword({
      currentPassword: "fixture-password",
      newPassword: "a-new-long-password",
      confirmPassword: "a-new-long-password",
    });
    const user = await t.db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(await verifyPassword(user.passwordHash, "a-new-long-password")).toBe(true);
    expect(await verifyPassword(user.passwordHash, "fixture-password")).toBe(false);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "user.change-password" } });
    expect(audit).toMatchObject({ actorUserId: userId, entityId: userId, before: null, after: null });
  });

  it("needs a signed-in caller", async () => {
    await expect(
      anonymousCaller(t.db).account.changePassword({
        currentPassword: "x",
        newPassword: "a-new-long-password",
        confirmPassword: "a-new-long-password",
      }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
