import type { DbTx } from "@/server/db/client";
import { open } from "@/server/security/secretBox";
import { dialExtensionOf } from "./dialExtensionOf";
import { loadExtensionRows } from "./loadExtensionRows";
import type { DirectoryUserView } from "./render/directoryUser";

/** One enabled extension as the directory shows it; null when missing or disabled. */
export async function loadDirectoryUser(
  db: DbTx,
  domain: { id: string; name: string },
  number: string,
): Promise<DirectoryUserView | null> {
  const [x] = await loadExtensionRows(db, domain.id, [number]);
  const dial = x ? dialExtensionOf(x) : null;
  if (!x || !dial) return null;
  return {
    ...dial,
    domain: domain.name,
    a1Hash: x.sipA1Hash,
    voicemailPin: x.voicemailPinEnc ? open(x.voicemailPinEnc) : null,
    voicemailEmail: x.voicemailEmail,
    cidr: x.cidr,
  };
}

/** Users of a domain that register from a fixed address range. */
export async function loadNetworkListUsers(db: DbTx, domainId: string): Promise<{ number: string; cidr: string }[]> {
  const rows = await db.extension.findMany({
    where: { domainId, enabled: true, cidr: { not: null } },
    select: { number: true, cidr: true },
    orderBy: { number: "asc" },
  });
  return rows.flatMap((r) => (r.cidr ? [{ number: r.number, cidr: r.cidr }] : []));
}
