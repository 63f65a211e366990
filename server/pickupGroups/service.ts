import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import type { DbTx } from "@/server/db/client";
import { writeAudit } from "@/server/audit/writeAudit";
import { recordChange } from "@/server/cluster/recordChange";
import { pageArgs, type Page } from "@/server/shared/pagination";
import type { TenantContext } from "@/server/tenancy/context";
import { ConflictError, NotFoundError } from "@/server/tenancy/errors";
import type { CreatePickupGroupInput, ListPickupGroupsInput, UpdatePickupGroupInput } from "./schemas";

const pickupGroupSelect = {
  id: true,
  name: true,
  updatedAt: true,
  members: {
    orderBy: { extension: { number: "asc" } },
    select: { extension: { select: { id: true, number: true, displayName: true, enabled: true } } },
  },
} satisfies Prisma.PickupGroupSelect;

export type PickupGroupView = Prisma.PickupGroupGetPayload<{ select: typeof pickupGroupSelect }>;

export async function listPickupGroups(
  ctx: TenantContext,
  input: ListPickupGroupsInput,
): Promise<Page<PickupGroupView>> {
  const where: Prisma.PickupGroupWhereInput = {
    domainId: ctx.domain.id,
    ...(input.search ? { name: { contains: input.search, mode: "insensitive" } } : {}),
  };
  const [items, total] = await Promise.all([
    ctx.db.pickupGroup.findMany({ where, select: pickupGroupSelect, orderBy: [{ name: "asc" }], ...pageArgs(input) }),
    ctx.db.pickupGroup.count({ where }),
  ]);
  return { items, total, page: input.page, pageSize: input.pageSize };
}

const findInDomain = (db: DbTx, ctx: TenantContext, id: string) =>
  db.pickupGroup.findFirst({ where: { id, domainId: ctx.domain.id }, select: pickupGroupSelect });

export async function getPickupGroup(ctx: TenantContext, id: string): Promise<PickupGroupView> {
  const group = await findInDomain(ctx.db, ctx, id);
  if (!group) throw new NotFoundError("Pickup group");
  return group;
}

/** Members must be extensions of this domain: another tenant's ids are refused, not dropped. */
async function validate(tx: DbTx, ctx: TenantContext, input: CreatePickupGroupInput, id?: string): Promise<void> {
  const clash = await tx.pickupGroup.findFirst({
    where: { domainId: ctx.domain.id, name: input.name, ...(id ? { id: { not: id } } : {}) },
    select: { id: true },
  });
  if (clash) throw new ConflictError(`There is already a pickup group "${input.name}"`, "name");
  if (input.memberIds.length === 0) return;
  const found = await tx.extension.count({ where: { domainId: ctx.domain.id, id: { in: input.memberIds } } });
  if (found !== input.memberIds.length)
    throw new ConflictError("Members must be extensions of this domain", "memberIds");
}

const memberRows = (memberIds: string[]) => memberIds.map((extensionId) => ({ extensionId }));

export async function createPickupGroup(ctx: TenantContext, input: CreatePickupGroupInput): Promise<PickupGroupView> {
  return ctx.db.$transaction(async (tx) => {
    await validate(tx, ctx, input);
    const group = await tx.pickupGroup.create({
      data: { name: input.name, domainId: ctx.domain.id, members: { create: memberRows(input.memberIds) } },
      select: pickupGroupSelect,
    });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "pickup-group.create",
      entityType: "PickupGroup",
      entityId: group.id,
      after: input,
    });
    // Members' calls now also ring the group's pickup key: cached dialplan answers are stale.
    await recordChange(tx, { invalidate: { domain: ctx.domain.name } });
    return group;
  });
}

export async function updatePickupGroup(ctx: TenantContext, input: UpdatePickupGroupInput): Promise<PickupGroupView> {
  const { id, ...fields } = input;
  return ctx.db.$transaction(async (tx) => {
    const before = await findInDomain(tx, ctx, id);
    if (!before) throw new NotFoundError("Pickup group");
    await validate(tx, ctx, fields, id);
    await tx.pickupGroupMember.deleteMany({ where: { pickupGroupId: id } });
    const group = await tx.pickupGroup.update({
      where: { id },
      data: { name: fields.name, members: { create: memberRows(fields.memberIds) } },
      select: pickupGroupSelect,
    });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "pickup-group.update",
      entityType: "PickupGroup",
      entityId: id,
      before,
      after: fields,
    });
    await recordChange(tx, { invalidate: { domain: ctx.domain.name } });
    return group;
  });
}

export async function deletePickupGroup(ctx: TenantContext, id: string): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const before = await findInDomain(tx, ctx, id);
    if (!before) throw new NotFoundError("Pickup group");
    await tx.pickupGroup.delete({ where: { id } });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "pickup-group.delete",
      entityType: "PickupGroup",
      entityId: id,
      before,
    });
    await recordChange(tx, { invalidate: { domain: ctx.domain.name } });
  });
}
