import type { Db } from "@/server/db/client";
import type { Role } from "@/server/db/generated/enums";

/** Who is acting: a signed-in user or an API token. Recorded on every audit row. */
export type Actor = {
  userId: string | null;
  tokenId: string | null;
  /** Shown in the audit log (email or token name). */
  label: string;
  ip: string | null;
};

/** A platform admin (or platform token) acting across tenants. */
export type PlatformContext = {
  db: Db;
  actor: Actor;
};

/**
 * Everything a tenant-scoped service may touch. Every query of tenant data filters
 * on `domain.id`; this object is built only by the tRPC/REST middleware after the
 * caller's membership for that domain was checked.
 */
export type TenantContext = {
  db: Db;
  actor: Actor;
  domain: { id: string; name: string };
  role: Role;
  /** Set for TENANT_USER: the one extension the caller may see and change. */
  extensionId: string | null;
};
