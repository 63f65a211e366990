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

/** A phone acting through a feature code (node scope, below): audited as `phone <ext>@<domain>`. */
export function phoneActor(extension: string, domain: string): Actor {
  return { userId: null, tokenId: null, label: `phone ${extension}@${domain}`, ip: null };
}

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

/*
 * The second, deliberate scope: node-authenticated. A feature code (*78, *72…) dialled
 * on a phone reaches us as a dialplan lookup from a FreeSWITCH node, not from a user
 * session, so there is no TenantContext to build. The xml_curl service creates this
 * scope, and only after three checks: the node's Basic credentials (NodeAuthenticator),
 * that the node serves the domain (nodeServesDomain), and that the caller is who the node
 * vouches for on that leg: the SIP user mod_sofia digest-authenticated in that domain, or
 * the extension our own dialplan forwarded for (never a caller-ID the peer sent). It may
 * touch exactly one row: that caller's own extension in that domain, and only the fields
 * a feature code toggles (DND, forward-always), through the extensions service, audited
 * as the phone. Beyond that it only reads, as the dialplan lookup does, within that domain.
 */
