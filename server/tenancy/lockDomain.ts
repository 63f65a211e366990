import type { DbTx } from "@/server/db/client";

/**
 * Row-locks the domain until the transaction ends. Writers that check a per-domain
 * limit (extensions) take it first, so two concurrent requests cannot both pass the check.
 */
export async function lockDomain(tx: DbTx, domainId: string): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM "Domain" WHERE id = ${domainId} FOR UPDATE`;
}
