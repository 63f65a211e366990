import type { ApiContext } from "@/server/api/trpc";
import type { TokenPrincipal } from "@/server/apiTokens/authenticate";
import type { Db } from "@/server/db/client";

/**
 * An API token acts through the same procedures as a person: a platform token as a
 * platform admin, a domain token as a tenant admin of that one domain. The tenant
 * middleware then scopes it exactly as it scopes people. `userId` is a synthetic
 * "token:<id>" that matches no user row; the audit actor carries the token id instead.
 */
export function tokenApiContext(db: Db, principal: TokenPrincipal, ip: string | null): ApiContext {
  const label = `token:${principal.name}`;
  return {
    db,
    ip,
    caller: {
      userId: `token:${principal.tokenId}`,
      email: label,
      name: label,
      memberships: [
        principal.domain
          ? {
              role: "TENANT_ADMIN",
              domainId: principal.domain.id,
              domainName: principal.domain.name,
              extensionId: null,
            }
          : { role: "PLATFORM_ADMIN", domainId: null, domainName: null, extensionId: null },
      ],
    },
    actor: { userId: null, tokenId: principal.tokenId, label, ip },
  };
}
