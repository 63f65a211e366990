import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "next-auth";
import { portalUserForOidc } from "@/server/auth/oidcUser";
import { ssoSignIn } from "@/server/auth/ssoSignIn";
import { SIGN_IN_ERRORS, secondStepOf } from "@/server/twoFactor/signInMessages";
import { seal } from "@/server/security/secretBox";
import { newTotpSecret } from "@/server/twoFactor/totp";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createUser } from "../support/callers";

let t: TestDatabase;
let adminId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  adminId = await createUser(t.db, "ops@itsp.example", { role: "PLATFORM_ADMIN" });
});

afterAll(async () => {
  await t?.drop();
});

const claims = (over: Record<string, unknown>) => ({
  sub: "idp-123",
  email: "ops@itsp.example",
  email_verified: true,
  ...over,
});

describe("mapping an OIDC sign-in to a portal user", () => {
  it("maps a verified email to the existing user, whatever its case", async () => {
    expect(await portalUserForOidc(t.db, claims({ email: "OPS@itsp.example" }))).toEqual({
      ok: true,
      userId: adminId,
      email: "ops@itsp.example",
      name: "ops@itsp.example",
    });
  });

  it("refuses an unverified or missing email, and an email_verified that is not exactly true", async () => {
    for (const over of [
      { email_verified: false },
      { email_verified: "true" },
      { email_verified: undefined },
      { email: undefined },
    ]) {
      expect(await portalUserForOidc(t.db, claims(over))).toMatchObject({ ok: false, reason: "unverified-email" });
    }
  });

  it("refuses an unknown or disabled account and creates nobody", async () => {
    const users = await t.db.user.count();
    expect(await portalUserForOidc(t.db, claims({ email: "new-admin@itsp.example" }))).toMatchObject({
      ok: false,
      reason: "unknown-email",
    });
    const disabled = await createUser(t.db, "gone@itsp.example", { role: "PLATFORM_ADMIN" });
    await t.db.user.update({ where: { id: disabled }, data: { disabled: true } });
    expect(await portalUserForOidc(t.db, claims({ email: "gone@itsp.example" }))).toMatchObject({ ok: false });
    expect(await t.db.user.count()).toBe(users + 1);
  });
});

describe("the signIn callback for single sign-on", () => {
  it("makes the session the portal user's, or sends a refusal to the sign-in page with an audit row", async () => {
    const user: User = { id: "idp-123", email: "Ops@ITSP.example", name: "Name at the IdP" };
    expect(await ssoSignIn(t.db, user, claims({ email: "Ops@ITSP.example" }))).toBe(true);
    expect(user).toEqual({ id: adminId, email: "ops@itsp.example", name: "ops@itsp.example" });

    const refused = await ssoSignIn(t.db, { id: "idp-9" }, claims({ email: "stranger@evil.example" }));
    expect(refused).toBe(`/sign-in?error=${SIGN_IN_ERRORS.ssoNoAccount}`);
    const unverified = await ssoSignIn(t.db, { id: "idp-9" }, claims({ email_verified: false }));
    expect(unverified).toBe(`/sign-in?error=${SIGN_IN_ERRORS.ssoUnverifiedEmail}`);
    const audit = await t.db.auditLog.findMany({ where: { action: "auth.sso-refused" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.after)).toEqual([
      { email: "stranger@evil.example", reason: "unknown-email" },
      { email: "ops@itsp.example", reason: "unverified-email" },
    ]);
  });

  it("still asks an enrolled user for the second factor", async () => {
    await t.db.user.update({ where: { id: adminId }, data: { totpSecretEnc: seal(newTotpSecret()) } });
    const user: User = { id: "idp-123" };
    const redirect = await ssoSignIn(t.db, user, claims({}));
    expect(typeof redirect).toBe("string");
    const url = new URL(redirect as string, "http://x");
    expect(url.pathname + url.search).toBe("/sign-in");
    expect(secondStepOf(new URLSearchParams(url.hash.slice(1)).get("step"))?.step).toBe("code");
    expect(user.id).toBe("idp-123");
  });
});
