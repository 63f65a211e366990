import "server-only";
import type { DbTx } from "@/server/db/client";
import type { DestinationType } from "@/server/db/generated/enums";
import { ConflictError } from "@/server/tenancy/errors";
import { DESTINATION_LABELS, type Destination } from "./destinationSchema";

/** Checks a destination points at something that exists in the domain (EXTERNAL and HANGUP always do). */
export async function assertDestinationExists(
  tx: DbTx,
  domainId: string,
  destination: Destination,
  field: string,
): Promise<void> {
  const { type, target } = destination;
  if (type === "HANGUP" || type === "EXTERNAL" || target === null) return;
  const where = { domainId, number: target };
  const found =
    type === "EXTENSION"
      ? await tx.extension.findFirst({ where, select: { id: true } })
      : type === "VOICEMAIL"
        ? await tx.extension.findFirst({ where: { ...where, voicemailEnabled: true }, select: { id: true } })
        : type === "RING_GROUP"
          ? await tx.ringGroup.findFirst({ where, select: { id: true } })
          : type === "TIME_CONDITION"
            ? await tx.timeCondition.findFirst({ where, select: { id: true } })
            : type === "CONFERENCE"
              ? await tx.conferenceRoom.findFirst({ where, select: { id: true } })
              : type === "QUEUE"
                ? await tx.callQueue.findFirst({ where, select: { id: true } })
                : await tx.ivrMenu.findFirst({ where, select: { id: true } });
  if (!found) {
    const what = type === "VOICEMAIL" ? "extension with voicemail" : DESTINATION_LABELS[type].toLowerCase();
    throw new ConflictError(`There is no ${what} ${target} in this domain`, field);
  }
}

/**
 * What still sends calls to an extension, its voicemail, a ring group or an IVR menu, as
 * human-readable labels; deleting something in use would leave callers hearing a dead end.
 */
export async function findDestinationReferences(
  tx: DbTx,
  domainId: string,
  type: Exclude<DestinationType, "EXTERNAL" | "HANGUP">,
  number: string,
  /** The entity itself: its own fallback or "repeat this menu" options do not count. */
  self?: string,
): Promise<string[]> {
  const notSelf = self ? { id: { not: self } } : {};
  const [numbers, groups, options, menus, conditions, queues] = await Promise.all([
    tx.phoneNumber.findMany({ where: { domainId, destType: type, destTarget: number }, select: { e164: true } }),
    tx.ringGroup.findMany({
      where: { domainId, ...notSelf, fallbackType: type, fallbackTarget: number },
      select: { name: true },
    }),
    tx.ivrOption.findMany({
      where: { destType: type, destTarget: number, menu: { domainId, ...notSelf } },
      select: { digits: true, menu: { select: { name: true } } },
    }),
    tx.ivrMenu.findMany({
      where: {
        domainId,
        ...notSelf,
        OR: [
          { invalidType: type, invalidTarget: number },
          { timeoutType: type, timeoutTarget: number },
        ],
      },
      select: { name: true },
    }),
    tx.timeCondition.findMany({
      where: {
        domainId,
        ...notSelf,
        OR: [
          { openType: type, openTarget: number },
          { closedType: type, closedTarget: number },
        ],
      },
      select: { name: true },
    }),
    tx.callQueue.findMany({
      where: { domainId, ...notSelf, fallbackType: type, fallbackTarget: number },
      select: { name: true },
    }),
  ]);
  return [
    ...numbers.map((n) => `phone number ${n.e164}`),
    ...groups.map((g) => `ring group "${g.name}" (fallback)`),
    ...options.map((o) => `IVR menu "${o.menu.name}" (key ${o.digits})`),
    ...menus.map((m) => `IVR menu "${m.name}" (invalid or timeout)`),
    ...conditions.map((c) => `business hours "${c.name}"`),
    ...queues.map((q) => `call queue "${q.name}" (fallback)`),
  ];
}
