import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { authenticateApiToken, LAST_USED_RESOLUTION_MS } from "@/server/apiTokens/authenticate";
import {
  createDomainApiToken,
  createPlatformApiToken,
  listAllApiTokens,
  listDomainApiTokens,
  revokeAnyApiToken,
  revokeDomainApiToken,
} from "@/server/apiTokens/service";
import { hashApiToken } from "@/server/apiTokens/tokenSecret";
import type { PlatformContext, TenantContext } from "@/server/tenancy/context";
import { ConflictError, NotFoundError } from "@/server/tenancy/errors";
import { createTestDatabase, type TestDatabase } from "../support/database";

let t: TestDatabase;
let platform: PlatformContext;
let tenantA: TenantContext;
let tenantB: TenantContext;
let adminAUserId: string;

const listAll = { page: 1, pageSize: 25, includeInactive: false };

beforeAll(async () => {
  t = await createTestDatabase();
  const admin = await t.db.user.create({ data: { email: "root@example.com", name: "Root", passwordHash: "x" } });
  platform = { db: t.db, actor: { userId: admin.id, tokenId: null, label: admin.email, ip: "192.0.2.1" } };
  const limits = { maxExtensions: 10, maxConcurrentCalls: 10, allowTenantRoutes: false };
  const a = await t.db.domain.create({ data: { name: "a.example.com", displayName: "A", ...limits } });
  const b = await t.db.domain.create({ data: { name: "b.example.com", displayName: "B", ...limits } });
  const adminA = await t.db.user.create({
    data: {
      email: "admin@a.example.com",
      name: "A admin",
      passwordHash: "x",
      memberships: { create: { role: "TENANT_ADMIN", domainId: a.id } },
    },
  });
  adminAUserId = adminA.id;
  const tenant = (d: { id: string; name: string }, userId: string): TenantContext => ({
    db: t.db,
    actor: { userId, tokenId: null, label: "tenant admin", ip: null },
    domain: { id: d.id, name: d.name },
    role: "TENANT_ADMIN",
    extensionId: null,
  });
  tenantA = tenant(a, adminA.id);
  tenantB = tenant(b, admin.id);
});

afterAll(async () => {
  await t.drop();
});

describe("API token service", () => {
  it("shows the token once and stores only its sha256 and prefix", async () => {
    const { token, apiToken } = await createPlatformApiToken(platform, { name: "billing", expiresInDays: 30 });
    expect(token).toMatch(/^sb_[A-Za-z0-9_-]{43}$/);
    const row = await t.db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } });
    expect(row.tokenHash).toBe(hashApiToken(token));
    expect(row.tokenHash).not.toContain(token.slice(3));
    expect(token.startsWith(row.prefix)).toBe(true);
    expect(row).toMatchObject({ domainId: null, createdById: platform.actor.userId });
    expect(row.expiresAt!.getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "apiToken.create", entityId: apiToken.id } });
    expect(audit.actorUserId).toBe(platform.actor.userId);
    expect(JSON.stringify(audit.after)).not.toContain(token);
  });

  it("keeps domain tokens inside their domain", async () => {
    const a = await createDomainApiToken(tenantA, { name: "crm" });
    const b = await createDomainApiToken(tenantB, { name: "crm" });
    expect((await listDomainApiTokens(tenantA, listAll)).items.map((x) => x.id)).toEqual([a.apiToken.id]);
    await expect(revokeDomainApiToken(tenantA, b.apiToken.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id: b.apiToken.id } })).revokedAt).toBeNull();

    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "apiToken.create", entityId: a.apiToken.id },
    });
    expect(audit.domainId).toBe(tenantA.domain.id);
  });

  it("revokes once, with an audit row, and hides revoked tokens unless asked", async () => {
    const { apiToken } = await createDomainApiToken(tenantA, { name: "to-revoke" });
    const revoked = await revokeDomainApiToken(tenantA, apiToken.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    await expect(revokeDomainApiToken(tenantA, apiToken.id)).rejects.toBeInstanceOf(ConflictError);
    expect(await t.db.auditLog.count({ where: { action: "apiToken.revoke", entityId: apiToken.id } })).toBe(1);

    const active = await listDomainApiTokens(tenantA, listAll);
    expect(active.items.map((x) => x.id)).not.toContain(apiToken.id);
    const all = await listDomainApiTokens(tenantA, { ...listAll, includeInactive: true });
    expect(all.items.map((x) => x.id)).toContain(apiToken.id);
  });

  it("lets a platform admin see and revoke any tenant's token", async () => {
    const { apiToken } = await createDomainApiToken(tenantB, { name: "leaked" });
    const everything = await listAllApiTokens(platform, { ...listAll, search: "leaked" });
    expect(everything.items).toEqual([
      expect.objectContaining({ id: apiToken.id, domain: { id: tenantB.domain.id, name: "b.example.com" } }),
    ]);
    await revokeAnyApiToken(platform, apiToken.id);
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })).revokedAt).not.toBeNull();
  });
});

describe("token authentication", () => {
  it("accepts a valid token and rejects missing, malformed, unknown, revoked and expired ones", async () => {
    const good = await createDomainApiToken(tenantA, { name: "auth" });
    const ok = await authenticateApiToken(t.db, `Bearer ${good.token}`);
    expect(ok).toEqual({ ok: true, principal: { tokenId: good.apiToken.id, name: "auth", domain: tenantA.domain } });

    expect(await authenticateApiToken(t.db, null)).toEqual({ ok: false, reason: "missing" });
    expect(await authenticateApiToken(t.db, `Basic ${good.token}`)).toEqual({ ok: false, reason: "missing" });
    expect(await authenticateApiToken(t.db, "Bearer sb_short")).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticateApiToken(t.db, `Bearer sb_${"x".repeat(43)}`)).toEqual({ ok: false, reason: "invalid" });

    const expiring = await createDomainApiToken(tenantA, { name: "expiring", expiresInDays: 1 });
    const later = new Date(Date.now() + 2 * 86_400_000);
    expect(await authenticateApiToken(t.db, `Bearer ${expiring.token}`, later)).toEqual({
      ok: false,
      reason: "expired",
    });

    await revokeDomainApiToken(tenantA, good.apiToken.id);
    expect(await authenticateApiToken(t.db, `Bearer ${good.token}`)).toEqual({ ok: false, reason: "revoked" });
  });

  it("writes lastUsedAt at most once a minute", async () => {
    const { token, apiToken } = await createPlatformApiToken(platform, { name: "busy" });
    const start = new Date("2030-01-01T00:00:00Z");
    const lastUsed = async () =>
      (await t.db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })).lastUsedAt?.getTime();

    await authenticateApiToken(t.db, `Bearer ${token}`, start);
    expect(await lastUsed()).toBe(start.getTime());
    await authenticateApiToken(t.db, `Bearer ${token}`, new Date(start.getTime() + LAST_USED_RESOLUTION_MS - 1));
    expect(await lastUsed()).toBe(start.getTime());
    const next = new Date(start.getTime() + LAST_USED_RESOLUTION_MS + 1);
    await authenticateApiToken(t.db, `Bearer ${token}`, next);
    expect(await lastUsed()).toBe(next.getTime());
  });
});

describe("apiTokens router", () => {
  it("gives a tenant admin their own domain's tokens and NOT_FOUND for another domain", async () => {
    const caller = createCaller({
      db: t.db,
      ip: null,
      caller: {
        userId: adminAUserId,
        email: "admin@a.example.com",
        name: "A admin",
        memberships: [
          { role: "TENANT_ADMIN", domainId: tenantA.domain.id, domainName: tenantA.domain.name, extensionId: null },
        ],
      },
      actor: tenantA.actor,
    });
    const created = await caller.apiTokens.create({ domainId: tenantA.domain.id, name: "portal-made" });
    expect(created.apiToken.domain?.id).toBe(tenantA.domain.id);
    await expect(caller.apiTokens.list({ domainId: tenantB.domain.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.apiTokens.createPlatform({ name: "escalate" })).rejects.toBeInstanceOf(TRPCError);
    expect(await t.db.apiToken.count({ where: { name: "escalate" } })).toBe(0);
  });
});
