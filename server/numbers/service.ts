import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import { writeAudit } from "@/server/audit/writeAudit";
import { recordChange } from "@/server/cluster/recordChange";
import { assertDestinationExists } from "@/server/shared/destinationQueries";
import { pageArgs, type Page } from "@/server/shared/pagination";
import type { PlatformContext, TenantContext } from "@/server/tenancy/context";
import { ConflictError, NotFoundError } from "@/server/tenancy/errors";
import { recordWebhookEvents } from "@/server/webhooks/recordWebhookEvent";
import { expandRange } from "./range";
import type {
  AddNumberRangeInput,
  ListNumbersInput,
  ListTenantNumbersInput,
  SetNumberDestinationInput,
} from "./schemas";

const numberSelect = {
  id: true,
  e164: true,
  description: true,
  destType: true,
  destTarget: true,
  createdAt: true,
  updatedAt: true,
  domain: { select: { id: true, name: true, displayName: true } },
} satisfies Prisma.PhoneNumberSelect;

export type NumberView = Prisma.PhoneNumberGetPayload<{ select: typeof numberSelect }>;

/** How many duplicates a range result lists by name (the count is always exact). */
const DUPLICATES_SHOWN = 50;

export type AddRangeResult = { created: number; duplicateCount: number; duplicates: string[] };

function searchWhere(search: string | undefined): Prisma.PhoneNumberWhereInput {
  if (!search) return {};
  return { OR: [{ e164: { contains: search } }, { description: { contains: search, mode: "insensitive" } }] };
}

export async function listNumbers(ctx: PlatformContext, input: ListNumbersInput): Promise<Page<NumberView>> {
  const where: Prisma.PhoneNumberWhereInput = {
    ...searchWhere(input.search),
    ...(input.domainId ? { domainId: input.domainId } : {}),
    ...(input.status === "assigned" ? { domainId: input.domainId ?? { not: null } } : {}),
    ...(input.status === "unassigned" ? { domainId: null } : {}),
  };
  const [items, total] = await Promise.all([
    ctx.db.phoneNumber.findMany({ where, select: numberSelect, orderBy: { e164: "asc" }, ...pageArgs(input) }),
    ctx.db.phoneNumber.count({ where }),
  ]);
  return { items, total, page: input.page, pageSize: input.pageSize };
}

/** Numbers are added unassigned; existing ones are skipped and reported, not overwritten. */
export async function addNumberRange(ctx: PlatformContext, input: AddNumberRangeInput): Promise<AddRangeResult> {
  const numbers = expandRange(input.from, input.to);
  return ctx.db.$transaction(
    async (tx) => {
      const existing = await tx.phoneNumber.findMany({
        where: { e164: { in: numbers } },
        select: { e164: true },
        orderBy: { e164: "asc" },
      });
      const taken = new Set(existing.map((n) => n.e164));
      const fresh = numbers.filter((n) => !taken.has(n));
      const { count } = await tx.phoneNumber.createMany({
        data: fresh.map((e164) => ({ e164, description: input.description || null })),
        skipDuplicates: true,
      });
      await writeAudit(tx, ctx.actor, {
        action: "number.add-range",
        entityType: "PhoneNumber",
        after: { from: input.from, to: input.to ?? input.from, created: count, duplicates: taken.size },
      });
      return {
        created: count,
        duplicateCount: taken.size,
        duplicates: existing.slice(0, DUPLICATES_SHOWN).map((n) => n.e164),
      };
      // 10,000 rows in one transaction outlast Prisma's 5 s default on a busy machine.
    },
    { timeout: 30_000 },
  );
}

/** Assigning hands a number to a tenant with no destination yet (it rings nowhere until they set one). */
export async function assignNumbers(ctx: PlatformContext, ids: string[], domainId: string): Promise<number> {
  return ctx.db.$transaction(async (tx) => {
    const domain = await tx.domain.findUnique({ where: { id: domainId }, select: { id: true, name: true } });
    if (!domain) throw new NotFoundError("Domain");
    const numbers = await tx.phoneNumber.findMany({
      where: { id: { in: ids } },
      select: { id: true, e164: true, domainId: true },
    });
    if (numbers.length !== new Set(ids).size) throw new NotFoundError("Phone number");
    const elsewhere = numbers.filter((n) => n.domainId !== null && n.domainId !== domainId);
    if (elsewhere.length > 0) {
      throw new ConflictError(
        `${elsewhere.map((n) => n.e164).join(", ")} already belong to another tenant: unassign first`,
      );
    }
    const toAssign = numbers.filter((n) => n.domainId === null);
    await tx.phoneNumber.updateMany({
      where: { id: { in: toAssign.map((n) => n.id) } },
      data: { domainId, destType: null, destTarget: null },
    });
    for (const n of toAssign) {
      await writeAudit(tx, ctx.actor, {
        domainId,
        action: "number.assign",
        entityType: "PhoneNumber",
        entityId: n.id,
        before: { domainId: null },
        after: { e164: n.e164, domainId, domain: domain.name },
      });
    }
    await recordWebhookEvents(
      tx,
      toAssign.map((n) => ({
        type: "number.assigned",
        domainId,
        data: { domain: domain.name, number: { id: n.id, e164: n.e164 } },
      })),
    );
    await recordChange(tx, { invalidate: { platform: true } });
    return toAssign.length;
  });
}

export async function unassignNumbers(ctx: PlatformContext, ids: string[]): Promise<number> {
  return ctx.db.$transaction(async (tx) => {
    const numbers = await tx.phoneNumber.findMany({
      where: { id: { in: ids }, domainId: { not: null } },
      select: { id: true, e164: true, domainId: true, destType: true, destTarget: true },
    });
    await tx.phoneNumber.updateMany({
      where: { id: { in: numbers.map((n) => n.id) } },
      data: { domainId: null, destType: null, destTarget: null },
    });
    for (const { id, domainId, ...before } of numbers) {
      await writeAudit(tx, ctx.actor, {
        domainId,
        action: "number.unassign",
        entityType: "PhoneNumber",
        entityId: id,
        before: { ...before, domainId },
        after: { domainId: null },
      });
    }
    await recordChange(tx, { invalidate: { platform: true } });
    return numbers.length;
  });
}

/** Only unassigned numbers can be deleted, so a live DID never vanishes from under a tenant. */
export async function deleteNumbers(ctx: PlatformContext, ids: string[]): Promise<number> {
  return ctx.db.$transaction(async (tx) => {
    const numbers = await tx.phoneNumber.findMany({
      where: { id: { in: ids } },
      select: { id: true, e164: true, domainId: true },
    });
    const assigned = numbers.filter((n) => n.domainId !== null);
    if (assigned.length > 0)
      throw new ConflictError(`${assigned.map((n) => n.e164).join(", ")} are assigned: unassign first`);
    await tx.phoneNumber.deleteMany({ where: { id: { in: numbers.map((n) => n.id) } } });
    for (const n of numbers) {
      await writeAudit(tx, ctx.actor, {
        action: "number.delete",
        entityType: "PhoneNumber",
        entityId: n.id,
        before: { e164: n.e164 },
      });
    }
    return numbers.length;
  });
}

export async function listTenantNumbers(ctx: TenantContext, input: ListTenantNumbersInput): Promise<Page<NumberView>> {
  const where: Prisma.PhoneNumberWhereInput = { domainId: ctx.domain.id, ...searchWhere(input.search) };
  const [items, total] = await Promise.all([
    ctx.db.phoneNumber.findMany({ where, select: numberSelect, orderBy: { e164: "asc" }, ...pageArgs(input) }),
    ctx.db.phoneNumber.count({ where }),
  ]);
  return { items, total, page: input.page, pageSize: input.pageSize };
}

export async function setNumberDestination(ctx: TenantContext, input: SetNumberDestinationInput): Promise<NumberView> {
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.phoneNumber.findFirst({
      where: { id: input.id, domainId: ctx.domain.id },
      select: { e164: true, destType: true, destTarget: true, description: true },
    });
    if (!before) throw new NotFoundError("Phone number");
    await assertDestinationExists(tx, ctx.domain.id, input.destination, "destination.target");
    const after = {
      destType: input.destination.type,
      destTarget: input.destination.target,
      ...(input.description !== undefined ? { description: input.description || null } : {}),
    };
    const number = await tx.phoneNumber.update({ where: { id: input.id }, data: after, select: numberSelect });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "number.set-destination",
      entityType: "PhoneNumber",
      entityId: input.id,
      before,
      after: { e164: before.e164, ...after },
    });
    await recordChange(tx, { invalidate: { platform: true } });
    return number;
  });
}
