import type { Db } from "@/server/db/client";
import { callerAs, createUser } from "./callers";

/** The usual isolation fixture: a platform admin, tenants A and B, and A's tenant admin. */
export async function createTwoTenants(db: Db) {
  const platformId = await createUser(db, "ops@itsp.example", { role: "PLATFORM_ADMIN" });
  const platform = await callerAs(db, platformId);
  const limits = { maxExtensions: 5, maxConcurrentCalls: 5, allowTenantRoutes: false };
  const domainA = (await platform.domains.create({ name: "a.example.com", displayName: "A", ...limits })).id;
  const domainB = (await platform.domains.create({ name: "b.example.com", displayName: "B", ...limits })).id;
  const adminAId = await createUser(db, "admin@a.example.com", { role: "TENANT_ADMIN", domainId: domainA });
  const adminA = await callerAs(db, adminAId);
  return { platformId, platform, domainA, domainB, adminAId, adminA };
}
