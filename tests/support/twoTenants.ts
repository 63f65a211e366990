import type { Db } from "@/server/db/client";
import { callerAs, createUser } from "./callers";

type Limits = { maxExtensions: number; maxConcurrentCalls: number; allowTenantRoutes: boolean };
type Options = {
  /** Tenant A's limits where a test needs others than 5 extensions, 5 calls, no own routes. */
  a?: Partial<Limits>;
  b?: Partial<Limits>;
};
type Caller = Awaited<ReturnType<typeof callerAs>>;

const LIMITS: Limits = { maxExtensions: 5, maxConcurrentCalls: 5, allowTenantRoutes: false };

/**
 * The usual isolation fixture: a platform admin (ops@itsp.example), tenants A (a.example.com)
 * and B (b.example.com), A's tenant admin (admin@a.example.com) and, with `adminB`, B's
 * (admin@b.example.com).
 */
export async function createTwoTenants(
  db: Db,
  options: Options & { adminB: true },
): Promise<TwoTenants & { adminBId: string; adminB: Caller }>;
// Last, so `ReturnType<typeof createTwoTenants>` is the plain fixture.
export async function createTwoTenants(db: Db, options?: Options & { adminB?: false }): Promise<TwoTenants>;
export async function createTwoTenants(db: Db, options: Options & { adminB?: boolean } = {}) {
  const platformId = await createUser(db, "ops@itsp.example", { role: "PLATFORM_ADMIN" });
  const platform = await callerAs(db, platformId);
  const domainA = (await platform.domains.create({ name: "a.example.com", displayName: "A", ...LIMITS, ...options.a }))
    .id;
  const domainB = (await platform.domains.create({ name: "b.example.com", displayName: "B", ...LIMITS, ...options.b }))
    .id;
  const adminAId = await createUser(db, "admin@a.example.com", { role: "TENANT_ADMIN", domainId: domainA });
  const adminA = await callerAs(db, adminAId);
  const fixture: TwoTenants = { platformId, platform, domainA, domainB, adminAId, adminA };
  if (!options.adminB) return fixture;
  const adminBId = await createUser(db, "admin@b.example.com", { role: "TENANT_ADMIN", domainId: domainB });
  return { ...fixture, adminBId, adminB: await callerAs(db, adminBId) };
}

type TwoTenants = {
  platformId: string;
  platform: Caller;
  domainA: string;
  domainB: string;
  adminAId: string;
  adminA: Caller;
};
