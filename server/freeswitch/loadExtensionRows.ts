import type { DbTx } from "@/server/db/client";
import { queryRows } from "@/server/db/plainPool";
import { dialExtensionSelect, type DialExtensionRow } from "./dialExtensionOf";

/** What the directory reads besides the dialplan's columns. */
const directoryColumns = ["sipA1Hash", "voicemailPinEnc", "voicemailEmail", "cidr"] as const;

export type ExtensionRow = DialExtensionRow & {
  sipA1Hash: string;
  voicemailPinEnc: string | null;
  voicemailEmail: string | null;
  cidr: string | null;
};

const columns = [...Object.keys(dialExtensionSelect), ...directoryColumns].map((c) => `"${c}"`).join(", ");
const byNumbers = {
  name: "xmlcurl_extension_rows",
  text: `SELECT ${columns} FROM "Extension" WHERE "domainId" = $1 AND number = ANY($2::text[])`,
};

/**
 * Extensions of one domain by number, via the (domainId, number) unique index.
 * This is the lookup behind every REGISTER and call that misses the cache (a registration
 * storm is thousands a second): a prepared statement on plain pg, about a quarter of the
 * CPU of the same statement through Prisma.
 */
export function loadExtensionRows(db: DbTx, domainId: string, numbers: string[]): Promise<ExtensionRow[]> {
  return queryRows<ExtensionRow>(db, byNumbers, [domainId, numbers]);
}
