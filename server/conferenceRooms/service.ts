import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import type { DbTx } from "@/server/db/client";
import { writeAudit } from "@/server/audit/writeAudit";
import { recordChange } from "@/server/cluster/recordChange";
import { open, seal } from "@/server/security/secretBox";
import { assertNumberFree } from "@/server/shared/assertNumberFree";
import { findDestinationReferences } from "@/server/shared/destinationQueries";
import { pageArgs, type Page } from "@/server/shared/pagination";
import type { TenantContext } from "@/server/tenancy/context";
import { ConflictError, NotFoundError } from "@/server/tenancy/errors";
import { assertWithinPlan } from "@/server/tenancy/assertWithinPlan";
import type { CreateConferenceRoomInput, ListConferenceRoomsInput, UpdateConferenceRoomInput } from "./schemas";

const roomSelect = {
  id: true,
  number: true,
  name: true,
  pinEnc: true,
  moderatorPinEnc: true,
  maxMembers: true,
  record: true,
  updatedAt: true,
} satisfies Prisma.ConferenceRoomSelect;

type RoomRow = Prisma.ConferenceRoomGetPayload<{ select: typeof roomSelect }>;

/** A room as its tenant's admins see it: they hand the PINs out, so they read them back. */
export type ConferenceRoomView = Omit<RoomRow, "pinEnc" | "moderatorPinEnc"> & {
  pin: string | null;
  moderatorPin: string | null;
};

function viewOf({ pinEnc, moderatorPinEnc, ...room }: RoomRow): ConferenceRoomView {
  return {
    ...room,
    pin: pinEnc ? open(pinEnc) : null,
    moderatorPin: moderatorPinEnc ? open(moderatorPinEnc) : null,
  };
}

function columns(input: CreateConferenceRoomInput) {
  return {
    number: input.number,
    name: input.name,
    pinEnc: input.pin ? seal(input.pin) : null,
    moderatorPinEnc: input.moderatorPin ? seal(input.moderatorPin) : null,
    maxMembers: input.maxMembers,
    record: input.record,
  };
}

async function findRoom(tx: DbTx, ctx: TenantContext, id: string): Promise<RoomRow> {
  const room = await tx.conferenceRoom.findFirst({ where: { id, domainId: ctx.domain.id }, select: roomSelect });
  if (!room) throw new NotFoundError("Conference room");
  return room;
}

export async function listConferenceRooms(
  ctx: TenantContext,
  input: ListConferenceRoomsInput,
): Promise<Page<ConferenceRoomView>> {
  const where: Prisma.ConferenceRoomWhereInput = {
    domainId: ctx.domain.id,
    ...(input.search
      ? { OR: [{ number: { startsWith: input.search } }, { name: { contains: input.search, mode: "insensitive" } }] }
      : {}),
  };
  const [items, total] = await Promise.all([
    ctx.db.conferenceRoom.findMany({ where, select: roomSelect, orderBy: [{ number: "asc" }], ...pageArgs(input) }),
    ctx.db.conferenceRoom.count({ where }),
  ]);
  return { items: items.map(viewOf), total, page: input.page, pageSize: input.pageSize };
}

export async function getConferenceRoom(ctx: TenantContext, id: string): Promise<ConferenceRoomView> {
  return viewOf(await findRoom(ctx.db, ctx, id));
}

export async function createConferenceRoom(
  ctx: TenantContext,
  input: CreateConferenceRoomInput,
): Promise<ConferenceRoomView> {
  return ctx.db.$transaction(async (tx) => {
    await assertWithinPlan(tx, ctx.domain.id, "maxConferenceRooms");
    await assertNumberFree(tx, ctx.domain.id, input.number);
    const room = await tx.conferenceRoom.create({
      data: { ...columns(input), domainId: ctx.domain.id },
      select: roomSelect,
    });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "conference-room.create",
      entityType: "ConferenceRoom",
      entityId: room.id,
      after: input,
    });
    await recordChange(tx, { invalidate: { domain: ctx.domain.name } });
    return viewOf(room);
  });
}

export async function updateConferenceRoom(
  ctx: TenantContext,
  input: UpdateConferenceRoomInput,
): Promise<ConferenceRoomView> {
  const { id, ...fields } = input;
  return ctx.db.$transaction(async (tx) => {
    const before = viewOf(await findRoom(tx, ctx, id));
    if (before.number !== fields.number) {
      const refs = await findDestinationReferences(tx, ctx.domain.id, "CONFERENCE", before.number);
      if (refs.length > 0)
        throw new ConflictError(`Calls reach ${before.number} from ${refs.join(", ")}; change those first`, "number");
    }
    await assertNumberFree(tx, ctx.domain.id, fields.number, { kind: "conferenceRoom", id });
    const room = await tx.conferenceRoom.update({ where: { id }, data: columns(fields), select: roomSelect });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "conference-room.update",
      entityType: "ConferenceRoom",
      entityId: id,
      before,
      after: fields,
    });
    await recordChange(tx, { invalidate: { domain: ctx.domain.name } });
    return viewOf(room);
  });
}

export async function deleteConferenceRoom(ctx: TenantContext, id: string): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const before = viewOf(await findRoom(tx, ctx, id));
    const refs = await findDestinationReferences(tx, ctx.domain.id, "CONFERENCE", before.number);
    if (refs.length > 0) throw new ConflictError(`Still in use by ${refs.join(", ")}`);
    await tx.conferenceRoom.delete({ where: { id } });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "conference-room.delete",
      entityType: "ConferenceRoom",
      entityId: id,
      before,
    });
    await recordChange(tx, { invalidate: { domain: ctx.domain.name } });
  });
}
