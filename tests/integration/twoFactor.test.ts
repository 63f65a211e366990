import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { secondFactorProofSchema } from "@/server/twoFactor/schemas";
import { checkSecondFactor } from "@/server/twoFactor/secondFactor";
import { readChallenge } from "@/server/twoFactor/signInChallenge";
import { beginSignInEnrolment, completeSecondStep, secondStepFor } from "@/server/twoFactor/signInSteps";
import { totpCodeAt } from "@/server/twoFactor/totp";
import type { Actor } from "@/server/tenancy/context";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { callerAs, createUser } from "../support/callers";
import { createTwoTenants } from "../support/twoTenants";

let t: TestDatabase;
let fixture: Awaited<ReturnType<typeof createTwoTenants>>;

beforeAll(async () => {
  t = await createTestDatabase();
  fixture = await createTwoTenants(t.db);
});

afterAll(async () => {
  await t?.drop();
});

const actorFor = (userId: string): Actor => ({ userId, tokenId: null, label: "test", ip: "203.0.113.7" });
const auditActions = async (userId: string) =>
  (await t.db.auditLog.findMany({ where: { entityId: userId }, orderBy: { id: "asc" } })).map((a) => a.action);

// Codes checked "later" than the enrolment's own confirming code, which used up the current step.
const later = (minutes: number) => Date.now() + minutes * 60_000;
const auditText = async (where: object) =>
  JSON.stringify((await t.db.auditLog.findMany({ where })).map((a) => [a.action, a.before, a.after]));

/** Enrols a fresh user through tRPC now; returns the secret and recovery codes shown. */
async function enrolled(email: string) {
  const userId = await createUser(t.db, email, { role: "TENANT_ADMIN", domainId: fixture.domainA });
  const me = await callerAs(t.db, userId);
  const start = await me.twoFactor.beginEnrolment();
  await me.twoFactor.confirmEnrolment({ code: totpCodeAt(start.secret, Date.now()) });
  return { userId, me, ...start };
}

describe("enrolment", () => {
  it("shows a QR code and recovery codes once, keeps only the sealed secret and hashes, and needs a right code", async () => {
    const userId = await createUser(t.db, "enrol@a.example.com", { role: "TENANT_ADMIN", domainId: fixture.domainA });
    const me = await callerAs(t.db, userId);
    const start = await me.twoFactor.beginEnrolment();
    expect(start.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(start.qrCode.split(",")[1]!, "base64").toString()).toContain("<svg");
    expect(start.otpauthUri).toContain(`secret=${start.secret}`);
    expect(start.recoveryCodes).toHaveLength(10);
    expect((await me.twoFactor.status()).enabled).toBe(false);

    await expect(me.twoFactor.confirmEnrolment({ code: "000000" })).rejects.toMatchObject({ code: "CONFLICT" });
    await me.twoFactor.confirmEnrolment({ code: totpCodeAt(start.secret, Date.now()) });

    const user = await t.db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.totpSecretEnc).toMatch(/^v1:/);
    expect(user.totpSecretEnc).not.toContain(start.secret);
    const stored = await t.db.recoveryCode.findMany({ where: { userId } });
    expect(stored).toHaveLength(10);
    expect(stored.map((c) => c.codeHash).join()).not.toContain(start.recoveryCodes[0]!.slice(0, 4));
    expect(await me.twoFactor.status()).toMatchObject({ enabled: true, recoveryCodesLeft: 10, required: false });
    expect(await auditActions(userId)).toEqual(["two-factor.enrol", "two-factor.code-failed", "two-factor.confirm"]);
    expect(await auditText({ entityId: userId })).not.toContain(start.secret);
  });

  it("an anonymous caller cannot begin an enrolment without a valid enrolment challenge", async () => {
    const { userId } = await enrolled("already@a.example.com");
    await expect(beginSignInEnrolment(t.db, "forged.token", null)).rejects.toThrow(/expired/);
    // An enrolled user's factor is never replaced on a password alone.
    const next = await secondStepFor(t.db, userId);
    expect(next?.step).toBe("code");
    await expect(beginSignInEnrolment(t.db, next!.challenge, null)).rejects.toThrow(/expired/);
  });
});

describe("sign-in codes", () => {
  it("accepts a code once: the same code again is a replay, and so is an older one", async () => {
    const now = later(2);
    const { userId, secret } = await enrolled("replay@a.example.com");
    const actor = actorFor(userId);
    expect(await checkSecondFactor(t.db, actor, userId, { code: totpCodeAt(secret, now) }, now)).toEqual({ ok: true });
    expect(await checkSecondFactor(t.db, actor, userId, { code: totpCodeAt(secret, now) }, now)).toEqual({
      ok: false,
      reason: "replayed",
    });
    // The previous step is still inside the window, but earlier than the one just used.
    const previous = await checkSecondFactor(t.db, actor, userId, { code: totpCodeAt(secret, now - 30_000) }, now);
    expect(previous).toEqual({ ok: false, reason: "replayed" });
    // The next step is a new code.
    expect(await checkSecondFactor(t.db, actor, userId, { code: totpCodeAt(secret, now + 30_000) }, now)).toEqual({
      ok: true,
    });
    const failed = await t.db.auditLog.findMany({ where: { entityId: userId, action: "two-factor.code-failed" } });
    expect(failed.map((f) => (f.after as { reason: string }).reason)).toEqual(["replayed", "replayed"]);
  });

  it("of two sign-ins racing with the same code, exactly one gets in", async () => {
    const now = later(2);
    const { userId, secret } = await enrolled("race@a.example.com");
    const code = totpCodeAt(secret, now);
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => checkSecondFactor(t.db, actorFor(userId), userId, { code }, now)),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok && o.reason === "replayed")).toHaveLength(2);
  });

  it("refuses codes outside the one-step window", async () => {
    const now = later(10);
    const { userId, secret } = await enrolled("window@a.example.com");
    const actor = actorFor(userId);
    expect(await checkSecondFactor(t.db, actor, userId, { code: totpCodeAt(secret, now - 60_000) }, now)).toMatchObject(
      {
        ok: false,
        reason: "wrong",
      },
    );
    expect(await checkSecondFactor(t.db, actor, userId, { code: totpCodeAt(secret, now + 60_000) }, now)).toMatchObject(
      {
        ok: false,
        reason: "wrong",
      },
    );
    expect(await checkSecondFactor(t.db, actor, userId, { code: totpCodeAt(secret, now - 30_000) }, now)).toEqual({
      ok: true,
    });
  });

  it("locks the second step for a while after five wrong codes, then lets the right code in", async () => {
    const now = later(2);
    const { userId, secret } = await enrolled("guess@a.example.com");
    const actor = actorFor(userId);
    const wrong = totpCodeAt(secret, now + 10 * 60_000);
    for (let i = 0; i < 4; i++) {
      expect(await checkSecondFactor(t.db, actor, userId, { code: wrong }, now)).toMatchObject({ reason: "wrong" });
    }
    const fifth = await checkSecondFactor(t.db, actor, userId, { code: wrong }, now);
    expect(fifth).toMatchObject({ ok: false, reason: "locked" });
    const right = await checkSecondFactor(t.db, actor, userId, { code: totpCodeAt(secret, now) }, now);
    expect(right).toMatchObject({ ok: false, reason: "locked" });
    await t.db
      .$executeRaw`UPDATE auth_throttle SET locked_until = now() - interval '1 second' WHERE key = ${`two-factor:${userId}`}`;
    expect(await checkSecondFactor(t.db, actor, userId, { code: totpCodeAt(secret, now) }, now)).toEqual({ ok: true });
  });

  it("a recovery code signs in once, and is audited with what is left", async () => {
    const { userId, recoveryCodes } = await enrolled("recovery@a.example.com");
    const actor = actorFor(userId);
    const typed = recoveryCodes[3]!.toLowerCase();
    expect(await checkSecondFactor(t.db, actor, userId, { recoveryCode: typed })).toEqual({ ok: true });
    expect(await checkSecondFactor(t.db, actor, userId, { recoveryCode: typed })).toMatchObject({ reason: "wrong" });
    const used = await t.db.auditLog.findFirstOrThrow({
      where: { entityId: userId, action: "two-factor.recovery-code-used" },
    });
    expect(used.after).toEqual({ remaining: 9 });
    expect(await auditText({ entityId: userId })).not.toContain(recoveryCodes[3]);
  });
});

describe("the sign-in second step", () => {
  it("an enrolled user owes a code; the challenge and a code complete the sign-in, a wrong code does not", async () => {
    const now = later(2);
    const { userId, secret } = await enrolled("step@a.example.com");
    const next = await secondStepFor(t.db, userId);
    expect(next?.step).toBe("code");
    expect(readChallenge(next!.challenge)?.userId).toBe(userId);
    const proof = secondFactorProofSchema.parse({ code: totpCodeAt(secret, now + 30_000) });
    expect(await completeSecondStep(t.db, next!.challenge, { code: "123456" }, null, now)).toEqual({
      ok: false,
      error: "wrong",
    });
    const done = await completeSecondStep(t.db, next!.challenge, proof, null, now);
    expect(done).toEqual({ ok: true, user: { id: userId, email: "step@a.example.com", name: "step@a.example.com" } });
    expect(await completeSecondStep(t.db, "x.y", proof, null, now)).toEqual({ ok: false, error: "expired" });
  });

  it("a user no policy covers and who has not enrolled signs in with the password alone", async () => {
    const userId = await createUser(t.db, "plain@a.example.com", { role: "TENANT_ADMIN", domainId: fixture.domainB });
    expect(await secondStepFor(t.db, userId)).toBeNull();
  });
});

describe("require-two-factor policies", () => {
  it("the platform switch sends platform admins without 2FA to enrolment; only platform admins may set it", async () => {
    const adminId = await createUser(t.db, "ops2@itsp.example", { role: "PLATFORM_ADMIN" });
    expect(await secondStepFor(t.db, adminId)).toBeNull();
    await expect(fixture.adminA.twoFactor.setPlatformPolicy({ requireForPlatformAdmins: true })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await fixture.platform.twoFactor.setPlatformPolicy({ requireForPlatformAdmins: true });
    try {
      const next = await secondStepFor(t.db, adminId);
      expect(next?.step).toBe("enrol");
      // The enrolment of the sign-in: begun with the challenge, confirmed by the code that signs in.
      const start = await beginSignInEnrolment(t.db, next!.challenge, null);
      const done = await completeSecondStep(
        t.db,
        next!.challenge,
        { code: totpCodeAt(start.secret, Date.now()) },
        null,
      );
      expect(done.ok).toBe(true);
      expect((await t.db.user.findUniqueOrThrow({ where: { id: adminId } })).totpSecretEnc).not.toBeNull();
      // Required: it cannot be turned off, only set up again.
      const admin = await callerAs(t.db, adminId);
      expect(await admin.twoFactor.status()).toMatchObject({ enabled: true, required: true });
      await expect(admin.twoFactor.disable({ password: "fixture-password" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "two-factor.platform-policy" } });
      expect(audit.after).toEqual({ requireForPlatformAdmins: true });
    } finally {
      await fixture.platform.twoFactor.setPlatformPolicy({ requireForPlatformAdmins: false });
    }
  });

  it("a tenant's switch covers that tenant's admins, not other tenants' nor its end users; isolation holds", async () => {
    const adminB = await createUser(t.db, "admin@b.example.com", { role: "TENANT_ADMIN", domainId: fixture.domainB });
    const ext = await fixture.adminA.extensions.create({
      domainId: fixture.domainA,
      number: "2001",
      displayName: "End",
    });
    const endUser = await createUser(t.db, "end@a.example.com", {
      role: "TENANT_USER",
      domainId: fixture.domainA,
      extensionId: ext.extension.id,
    });
    await expect(
      fixture.adminA.twoFactor.setTenantPolicy({ domainId: fixture.domainB, requireForAdmins: true }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await fixture.adminA.twoFactor.setTenantPolicy({ domainId: fixture.domainA, requireForAdmins: true });
    expect(await fixture.adminA.twoFactor.tenantPolicy({ domainId: fixture.domainA })).toEqual({
      requireForAdmins: true,
    });
    expect((await secondStepFor(t.db, fixture.adminAId))?.step).toBe("enrol");
    expect(await secondStepFor(t.db, adminB)).toBeNull();
    expect(await secondStepFor(t.db, endUser)).toBeNull();
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "domain.two-factor-policy" } });
    expect(audit).toMatchObject({ domainId: fixture.domainA, after: { requireForAdmins: true } });
  });
});

describe("turning two-factor off", () => {
  it("needs the password or a recovery code; a session alone is not enough", async () => {
    const { userId, me, recoveryCodes } = await enrolled("off@b.example.com");
    await t.db.membership.updateMany({ where: { userId }, data: { domainId: fixture.domainB } });
    await expect(me.twoFactor.disable({ password: "not-my-password" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(me.twoFactor.disable({ recoveryCode: "AAAA-BBBB-CCCC-DDDD" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await me.twoFactor.status()).enabled).toBe(true);
    await me.twoFactor.disable({ recoveryCode: recoveryCodes[0]! });
    expect(await me.twoFactor.status()).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect(await t.db.recoveryCode.count({ where: { userId } })).toBe(0);
    const actions = await auditActions(userId);
    expect(actions.slice(-3)).toEqual([
      "two-factor.code-failed",
      "two-factor.recovery-code-used",
      "two-factor.disable",
    ]);

    const again = await me.twoFactor.beginEnrolment();
    await me.twoFactor.confirmEnrolment({ code: totpCodeAt(again.secret, Date.now()) });
    await me.twoFactor.disable({ password: "fixture-password" });
    expect((await me.twoFactor.status()).enabled).toBe(false);
  });
});
