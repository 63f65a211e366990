import { createRestHandler } from "@/server/api/rest/handler";
import { createDomainApiToken } from "@/server/apiTokens/service";
import type { Db } from "@/server/db/client";
import type { TenantContext } from "@/server/tenancy/context";

/** A REST client acting with a fresh API token of one tenant (as a CRM would), against the real handler. */
export async function tenantRest(db: Db, domainId: string) {
  const domain = await db.domain.findUniqueOrThrow({ where: { id: domainId }, select: { id: true, name: true } });
  const ctx: TenantContext = {
    db,
    actor: { userId: null, tokenId: null, label: "test", ip: null },
    domain,
    role: "TENANT_ADMIN",
    extensionId: null,
  };
  const { token } = await createDomainApiToken(ctx, { name: "crm" });
  const handler = createRestHandler({ db: () => db, rateLimit: { perSecond: 1000, burst: 1000 } });
  return (method: string, path: string, body?: unknown) =>
    handler(
      new Request(`http://switchboard.test/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
}
