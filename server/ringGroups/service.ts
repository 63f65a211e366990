import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import type { DbTx } from "@/server/db/client";
import { writeAudit } from "@/server/audit/writeAudit";
import { recordChange } from "@/server/cluster/recordChange";
import { assertNumberFree } from "@/server/shared/assertNumberFree";
import { assertDestinationExists, findDestinationReferences } from "@/server/shared/destinationQueries";
import { pageArgs, type Page } from "@/server/shared/pagination";
import type { TenantContext } from "@/server/tenancy/context";
import { ConflictError, NotFoundError } from "@/server/tenancy/errors";
import type { CreateRingGroupInput, ListRingGroupsInput, UpdateRingGroupInput } from "./schemas";

const ringGroupSelect = {
  id: true,
  number: true,
  name: true,
  strategy: true,
  ringTimeout: true,
  fallbackType: true,
  fallbackTarget: true,
  updatedAt: true,
  members: {
    orderBy: { position: "asc" },
    select: { position: true, extension: { select: { id: true, number: true, displayName: true, enabled: true } } },
  },
} satisfies Prisma.RingGroupSelect;

export type RingGroupView = Prisma.RingGroupGetPayload<{ select: typeof ringGroupSelect }>;

export async function listRingGroups(ctx: TenantContext, input: ListRingGroupsInput): Promise<Page<RingGroupView>> {
  const where: Prisma.RingGroupWhereInput = {
    domainId: ctx.domain.id,
    ...(input.search
      ? { OR: [{ number: { startsWith: input.search } }, { name: { contains: input.search, mode: "insensitive" } }] }
      : {}),
  };
  const [items, total] = await Promise.all([
    ctx.db.ringGroup.findMany({ where, select: ringGroupSelect, orderBy: [{ number: "asc" }], ...pageArgs(input) }),
    ctx.db.ringGroup.count({ where }),
  ]);
  return { items, total, page: input.page, pageSize: input.pageSize };
}

export async function getRingGroup(ctx: TenantContext, id: string): Promise<RingGroupView> {
  const group = await ctx.db.ringGroup.findFirst({ where: { id, domainId: ctx.domain.id }, select: ringGroupSelect });
  if (!group) throw new NotFoundError("Ring group");
  return group;
}

/** Members must be extensions of this domain; ids from elsewhere are refused, not silently dropped. */
async function assertMembersInDomain(tx: DbTx, domainId: string, memberIds: string[]): Promise<void> {
  if (memberIds.length === 0) return;
  const found = await tx.extension.count({ where: { domainId, id: { in: memberIds } } });
  if (found !== memberIds.length) throw new ConflictError("Members must be extensions of this domain", "memberIds");
}

async function validate(tx: DbTx, ctx: TenantContext, input: CreateRingGroupInput, id?: string): Promise<void> {
  await assertNumberFree(tx, ctx.domain.id, input.number, id ? { kind: "ringGroup", id } : undefined);
  await assertMembersInDomain(tx, ctx.domain.id, input.memberIds);
  // Falling back to itself would loop the caller forever.
  if (input.fallback.type === "RING_GROUP" && input.fallback.target === input.number) {
    throw new ConflictError("A ring group cannot fall back to itself", "fallback.target");
  }
  await assertDestinationExists(tx, ctx.domain.id, input.fallback, "fallback.target");
}

function columns(input: CreateRingGroupInput) {
  return {
    number: input.number,
    name: input.name,
    strategy: input.strategy,
    ringTimeout: input.ringTimeout,
    fallbackType: input.fallback.type,
    fallbackTarget: input.fallback.target,
  };
}

const memberRows = (memberIds: string[]) => memberIds.map((extensionId, position) => ({ extensionId, position }));

export async function createRingGroup(ctx: TenantContext, input: CreateRingGroupInput): Promise<RingGroupView> {
  return ctx.db.$transaction(async (tx) => {
    await validate(tx, ctx, input);
    const group = await tx.ringGroup.create({
      data: { ...columns(input), domainId: ctx.domain.id, members: { create: memberRows(input.memberIds) } },
      select: ringGroupSelect,
    });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "ring-group.create",
      entityType: "RingGroup",
      entityId: group.id,
      after: input,
    });
    await recordChange(tx, { invalidate: { domain: ctx.domain.name } });
    return group;
  });
}

export async function updateRingGroup(ctx: TenantContext, input: UpdateRingGroupInput): Promise<RingGroupView> {
  const { id, ...fields } = input;
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.ringGroup.findFirst({ where: { id, domainId: ctx.domain.id }, select: ringGroupSelect });
    if (!before) throw new NotFoundError("Ring group");
    if (before.number !== fields.number) {
      const refs = await findDestinationReferences(tx, ctx.domain.id, "RING_GROUP", before.number);
      if (refs.length > 0)
        throw new ConflictError(`Calls reach ${before.number} from ${refs.join(", ")}; change those first`, "number");
    }
    await validate(tx, ctx, fields, id);
    // Members are replaced as a whole: the order is the meaning.
    await tx.ringGroupMember.deleteMany({ where: { ringGroupId: id } });
    const group = await tx.ringGroup.update({
      where: { id },
      data: { ...columns(fields), members: { create: memberRows(fields.memberIds) } },
      select: ringGroupSelect,
    });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "ring-group.update",
      entityType: "RingGroup",
      entityId: id,
      before,
      after: fields,
    });
    await recordChange(tx, { invalidate: { domain: ctx.domain.name } });
    return group;
  });
}

export async function deleteRingGroup(ctx: TenantContext, id: string): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const before = await tx.ringGroup.findFirst({ where: { id, domainId: ctx.domain.id }, select: ringGroupSelect });
    if (!before) throw new NotFoundError("Ring group");
    const refs = await findDestinationReferences(tx, ctx.domain.id, "RING_GROUP", before.number);
    if (refs.length > 0) throw new ConflictError(`Still in use by ${refs.join(", ")}`);
    await tx.ringGroup.delete({ where: { id } });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "ring-group.delete",
      entityType: "RingGroup",
      entityId: id,
      before,
    });
    await recordChange(tx, { invalidate: { domain: ctx.domain.name } });
  });
}
