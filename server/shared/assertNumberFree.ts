import type { DbTx } from "@/server/db/client";
import { ConflictError } from "@/server/tenancy/errors";

/**
 * Extensions, ring groups and IVR menus share one dial-number space per domain:
 * the dialplan must never have two meanings for one number.
 */
export async function assertNumberFree(
  tx: DbTx,
  domainId: string,
  number: string,
  except?: { kind: "extension" | "ringGroup" | "ivrMenu"; id: string },
): Promise<void> {
  const skip = (kind: string) => (except?.kind === kind ? { id: { not: except.id } } : {});
  const [ext, group, ivr] = await Promise.all([
    tx.extension.findFirst({ where: { domainId, number, ...skip("extension") }, select: { id: true } }),
    tx.ringGroup.findFirst({ where: { domainId, number, ...skip("ringGroup") }, select: { id: true } }),
    tx.ivrMenu.findFirst({ where: { domainId, number, ...skip("ivrMenu") }, select: { id: true } }),
  ]);
  const taken = ext ? "an extension" : group ? "a ring group" : ivr ? "an IVR menu" : null;
  if (taken) throw new ConflictError(`${number} is already used by ${taken}`, "number");
}
