import "server-only";
import type { DbTx } from "@/server/db/client";
import { writeAudit } from "@/server/audit/writeAudit";
import { recordChange } from "@/server/cluster/recordChange";
import type { TenantContext } from "@/server/tenancy/context";
import { ConflictError } from "@/server/tenancy/errors";
import type { UpdateParkingInput } from "./schemas";

export type ParkingView = UpdateParkingInput & { saved: boolean };

/** What a domain that never set up parking is offered: off, 7001–7099, two minutes. */
export const DEFAULT_PARKING: UpdateParkingInput = {
  enabled: false,
  firstSlot: 7001,
  lastSlot: 7099,
  timeoutSeconds: 120,
};

const parkingSelect = { enabled: true, firstSlot: true, lastSlot: true, timeoutSeconds: true } as const;

export async function getParking(ctx: TenantContext): Promise<ParkingView> {
  const lot = await ctx.db.parkingLot.findUnique({ where: { domainId: ctx.domain.id }, select: parkingSelect });
  return lot ? { ...lot, saved: true } : { ...DEFAULT_PARKING, saved: false };
}

/** A number of the domain's dial space inside the slot range, if any: a slot must have one meaning. */
async function numberInRange(tx: DbTx, domainId: string, first: number, last: number): Promise<string | null> {
  const [hit] = await tx.$queryRaw<{ number: string }[]>`
    SELECT number FROM (
      SELECT number FROM "Extension" WHERE "domainId" = ${domainId}
      UNION ALL SELECT number FROM "RingGroup" WHERE "domainId" = ${domainId}
      UNION ALL SELECT number FROM "IvrMenu" WHERE "domainId" = ${domainId}
      UNION ALL SELECT number FROM "ConferenceRoom" WHERE "domainId" = ${domainId}
    ) n
    WHERE number ~ '^[1-9][0-9]{0,9}$' AND number::bigint BETWEEN ${first} AND ${last}
    ORDER BY number LIMIT 1`;
  return hit?.number ?? null;
}

export async function updateParking(ctx: TenantContext, input: UpdateParkingInput): Promise<ParkingView> {
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.parkingLot.findUnique({ where: { domainId: ctx.domain.id }, select: parkingSelect });
    // A disabled lot has no slots, so only an enabled one must keep clear of numbers in use.
    if (input.enabled) {
      const taken = await numberInRange(tx, ctx.domain.id, input.firstSlot, input.lastSlot);
      if (taken)
        throw new ConflictError(`${taken} is already used in this domain: choose slots around it`, "firstSlot");
    }
    const lot = await tx.parkingLot.upsert({
      where: { domainId: ctx.domain.id },
      create: { ...input, domainId: ctx.domain.id },
      update: input,
      select: parkingSelect,
    });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "parking.update",
      entityType: "ParkingLot",
      entityId: ctx.domain.id,
      before,
      after: input,
    });
    await recordChange(tx, { invalidate: { domain: ctx.domain.name } });
    return { ...lot, saved: true };
  });
}
