import type { DbTx } from "@/server/db/client";
import type { Extension } from "@/server/db/generated/client";

/**
 * Extensions of one domain by number, via the (domainId, number) unique index.
 * This is the lookup behind every REGISTER and call that misses the cache; a raw
 * statement costs under half of the query builder's per-call overhead here.
 * The columns are the model's own (no @map), so rows come back as `Extension`.
 */
export function loadExtensionRows(db: DbTx, domainId: string, numbers: string[]): Promise<Extension[]> {
  return db.$queryRaw<
    Extension[]
  >`SELECT * FROM "Extension" WHERE "domainId" = ${domainId} AND number = ANY(${numbers})`;
}
