import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExtension, deleteExtension } from "@/server/extensions/service";
import type { PlatformContext, TenantContext } from "@/server/tenancy/context";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedSwitchboard, TENANT } from "./freeswitch/seed";

// Extension invariants the service must hold on its own: the domain's limit, and no dead ends for callers.

let t: TestDatabase;
let platform: PlatformContext;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedSwitchboard(t.db);
  platform = { db: t.db, actor: { userId: null, tokenId: null, label: "test", ip: null } };
});

afterAll(async () => {
  await t?.drop();
});

describe("a domain's extension limit holds under concurrent creates", () => {
  it("concurrent creates never exceed maxExtensions", async () => {
    const domain = await t.db.domain.create({
      data: { name: "limited.example", displayName: "Limited", maxExtensions: 2 },
      select: { id: true, name: true },
    });
    const tenant: TenantContext = { ...platform, domain, role: "TENANT_ADMIN", extensionId: null };
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => createExtension(tenant, { number: `30${i}`, displayName: `Ext ${i}` })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(await t.db.extension.count({ where: { domainId: domain.id } })).toBe(2);
  });
});

describe("deleting an extension that calls still reach", () => {
  it("is refused while a DID or a ring group fallback points at it, and allowed once they no longer do", async () => {
    const domain = await t.db.domain.findUniqueOrThrow({ where: { name: TENANT }, select: { id: true, name: true } });
    const tenant: TenantContext = { ...platform, domain, role: "TENANT_ADMIN", extensionId: null };
    const ext = await t.db.extension.findFirstOrThrow({ where: { domainId: domain.id, number: "1001" } });
    // Seeded: +4930123456 rings extension 1001; ring group 600 falls back to 1001's voicemail.
    await expect(deleteExtension(tenant, ext.id)).rejects.toThrow(/phone number \+4930123456.*ring group "Sales"/);
    expect(await t.db.extension.count({ where: { id: ext.id } })).toBe(1);
    await t.db.phoneNumber.updateMany({
      where: { e164: "+4930123456" },
      data: { destType: "HANGUP", destTarget: null },
    });
    await t.db.ringGroup.updateMany({
      where: { number: "600" },
      data: { fallbackType: "HANGUP", fallbackTarget: null },
    });
    await deleteExtension(tenant, ext.id);
    expect(await t.db.extension.count({ where: { id: ext.id } })).toBe(0);
  });
});
