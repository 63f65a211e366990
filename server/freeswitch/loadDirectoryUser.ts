import type { DbTx } from "@/server/db/client";
import { open } from "@/server/security/secretBox";
import { loadExtensionRows } from "./loadExtensionRows";
import type { DirectoryUserView } from "./render/directoryUser";

/** One enabled extension as the directory shows it; null when missing or disabled. */
export async function loadDirectoryUser(
  db: DbTx,
  domain: { id: string; name: string },
  number: string,
): Promise<DirectoryUserView | null> {
  const [x] = await loadExtensionRows(db, domain.id, [number]);
  if (!x || !x.enabled) return null;
  return {
    domain: domain.name,
    number: x.number,
    displayName: x.displayName,
    a1Hash: x.sipA1Hash,
    voicemailPin: x.voicemailPinEnc ? open(x.voicemailPinEnc) : null,
    voicemailEnabled: x.voicemailEnabled,
    voicemailEmail: x.voicemailEmail,
    internalCallerIdName: x.internalCallerIdName,
    internalCallerIdNumber: x.internalCallerIdNumber,
    externalCallerIdName: x.externalCallerIdName,
    externalCallerIdNumber: x.externalCallerIdNumber,
    forwardAlways: { enabled: x.forwardAlwaysEnabled, target: x.forwardAlwaysTarget },
    forwardBusy: { enabled: x.forwardBusyEnabled, target: x.forwardBusyTarget },
    forwardNoAnswer: { enabled: x.forwardNoAnswerEnabled, target: x.forwardNoAnswerTarget },
    noAnswerTimeout: x.noAnswerTimeout,
    dnd: x.dnd,
    maxCalls: x.maxCalls,
    tollAllow: x.tollAllow,
    recordCalls: x.recordCalls,
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
