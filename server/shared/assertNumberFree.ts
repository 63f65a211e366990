import type { DbTx } from "@/server/db/client";
import { parkingSlotOf } from "@/server/dialplan/pickupParking";
import { ConflictError } from "@/server/tenancy/errors";

/**
 * Extensions, ring groups, IVR menus, conference rooms, business hours, call queues and the enabled parking lot's slots
 * share one dial-number space per domain: the dialplan must never have two meanings for one number.
 */
export async function assertNumberFree(
  tx: DbTx,
  domainId: string,
  number: string,
  except?: {
    kind: "extension" | "ringGroup" | "ivrMenu" | "conferenceRoom" | "timeCondition" | "callQueue";
    id: string;
  },
): Promise<void> {
  const skip = (kind: string) => (except?.kind === kind ? { id: { not: except.id } } : {});
  const [ext, group, ivr, room, condition, queue, lot] = await Promise.all([
    tx.extension.findFirst({ where: { domainId, number, ...skip("extension") }, select: { id: true } }),
    tx.ringGroup.findFirst({ where: { domainId, number, ...skip("ringGroup") }, select: { id: true } }),
    tx.ivrMenu.findFirst({ where: { domainId, number, ...skip("ivrMenu") }, select: { id: true } }),
    tx.conferenceRoom.findFirst({ where: { domainId, number, ...skip("conferenceRoom") }, select: { id: true } }),
    tx.timeCondition.findFirst({ where: { domainId, number, ...skip("timeCondition") }, select: { id: true } }),
    tx.callQueue.findFirst({ where: { domainId, number, ...skip("callQueue") }, select: { id: true } }),
    tx.parkingLot.findFirst({ where: { domainId, enabled: true }, select: { firstSlot: true, lastSlot: true } }),
  ]);
  const parked = parkingSlotOf(lot, number) !== null;
  const taken = ext
    ? "an extension"
    : group
      ? "a ring group"
      : ivr
        ? "an IVR menu"
        : room
          ? "a conference room"
          : condition
            ? "business hours"
            : queue
              ? "a call queue"
              : parked
                ? "the parking lot's slots"
                : null;
  if (taken) throw new ConflictError(`${number} is already used by ${taken}`, "number");
}
