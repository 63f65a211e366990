import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import type { Db, DbTx } from "@/server/db/client";
import { writeAudit } from "@/server/audit/writeAudit";
import { recordChange } from "@/server/cluster/recordChange";
import { evaluateTimeCondition, type TimeBranch } from "@/server/dialplan/timeCondition";
import { assertNumberFree } from "@/server/shared/assertNumberFree";
import { assertDestinationExists, findDestinationReferences } from "@/server/shared/destinationQueries";
import type { Destination } from "@/server/shared/destinationSchema";
import { pageArgs, type Page } from "@/server/shared/pagination";
import { phoneActor, type TenantContext } from "@/server/tenancy/context";
import { ConflictError, NotFoundError } from "@/server/tenancy/errors";
import { timeRulesOf } from "./timeRules";
import type {
  CreateTimeConditionInput,
  ListTimeConditionsInput,
  SetClosedNowInput,
  SetTimeZoneInput,
  UpdateTimeConditionInput,
} from "./schemas";

const conditionSelect = {
  id: true,
  number: true,
  name: true,
  weeklyHours: true,
  holidays: true,
  openType: true,
  openTarget: true,
  closedType: true,
  closedTarget: true,
  closedNow: true,
  updatedAt: true,
} satisfies Prisma.TimeConditionSelect;

type ConditionRow = Prisma.TimeConditionGetPayload<{ select: typeof conditionSelect }>;

/** Business hours as the portal shows them, with the branch a call would take right now. */
export type TimeConditionView = Omit<
  ConditionRow,
  "weeklyHours" | "holidays" | "openType" | "openTarget" | "closedType" | "closedTarget"
> &
  ReturnType<typeof timeRulesOf> & { open: Destination; closed: Destination; now: TimeBranch };

function viewOf(row: ConditionRow, timeZone: string, at: Date): TimeConditionView {
  const { weeklyHours: _hours, holidays: _dates, openType, openTarget, closedType, closedTarget, ...rest } = row;
  const rules = timeRulesOf(row);
  return {
    ...rest,
    ...rules,
    open: { type: openType, target: openTarget },
    closed: { type: closedType, target: closedTarget },
    now: evaluateTimeCondition(rules, at, timeZone),
  };
}

function columns(input: CreateTimeConditionInput) {
  return {
    number: input.number,
    name: input.name,
    weeklyHours: input.weeklyHours,
    holidays: input.holidays,
    openType: input.open.type,
    openTarget: input.open.target,
    closedType: input.closed.type,
    closedTarget: input.closed.target,
  };
}

async function domainTimeZone(tx: DbTx, ctx: TenantContext): Promise<string> {
  const { timeZone } = await tx.domain.findUniqueOrThrow({ where: { id: ctx.domain.id }, select: { timeZone: true } });
  return timeZone;
}

async function findCondition(tx: DbTx, ctx: TenantContext, id: string): Promise<ConditionRow> {
  const row = await tx.timeCondition.findFirst({ where: { id, domainId: ctx.domain.id }, select: conditionSelect });
  if (!row) throw new NotFoundError("Business hours");
  return row;
}

async function validate(tx: DbTx, ctx: TenantContext, input: CreateTimeConditionInput, id?: string): Promise<void> {
  await assertNumberFree(tx, ctx.domain.id, input.number, id ? { kind: "timeCondition", id } : undefined);
  for (const [field, destination] of [
    ["open.target", input.open],
    ["closed.target", input.closed],
  ] as const) {
    // Sending a call to itself would transfer it round until FreeSWITCH gives up.
    if (destination.type === "TIME_CONDITION" && destination.target === input.number)
      throw new ConflictError("Business hours cannot send calls to themselves", field);
    await assertDestinationExists(tx, ctx.domain.id, destination, field);
  }
}

export async function listTimeConditions(
  ctx: TenantContext,
  input: ListTimeConditionsInput,
  at: Date = new Date(),
): Promise<Page<TimeConditionView> & { timeZone: string }> {
  const where: Prisma.TimeConditionWhereInput = {
    domainId: ctx.domain.id,
    ...(input.search
      ? { OR: [{ number: { startsWith: input.search } }, { name: { contains: input.search, mode: "insensitive" } }] }
      : {}),
  };
  const [items, total, timeZone] = await Promise.all([
    ctx.db.timeCondition.findMany({ where, select: conditionSelect, orderBy: [{ number: "asc" }], ...pageArgs(input) }),
    ctx.db.timeCondition.count({ where }),
    domainTimeZone(ctx.db, ctx),
  ]);
  return {
    items: items.map((row) => viewOf(row, timeZone, at)),
    total,
    page: input.page,
    pageSize: input.pageSize,
    timeZone,
  };
}

export async function getTimeCondition(ctx: TenantContext, id: string): Promise<TimeConditionView> {
  const [row, timeZone] = await Promise.all([findCondition(ctx.db, ctx, id), domainTimeZone(ctx.db, ctx)]);
  return viewOf(row, timeZone, new Date());
}

export async function createTimeCondition(
  ctx: TenantContext,
  input: CreateTimeConditionInput,
): Promise<TimeConditionView> {
  return ctx.db.$transaction(async (tx) => {
    await validate(tx, ctx, input);
    const row = await tx.timeCondition.create({
      data: { ...columns(input), domainId: ctx.domain.id },
      select: conditionSelect,
    });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "time-condition.create",
      entityType: "TimeCondition",
      entityId: row.id,
      after: input,
    });
    await recordChange(tx, { invalidate: { domain: ctx.domain.name } });
    return viewOf(row, await domainTimeZone(tx, ctx), new Date());
  });
}

export async function updateTimeCondition(
  ctx: TenantContext,
  input: UpdateTimeConditionInput,
): Promise<TimeConditionView> {
  const { id, ...fields } = input;
  return ctx.db.$transaction(async (tx) => {
    const before = await findCondition(tx, ctx, id);
    await validate(tx, ctx, fields, id);
    if (fields.number !== before.number) await assertUnreferenced(tx, ctx, before, "renumber");
    const row = await tx.timeCondition.update({ where: { id }, data: columns(fields), select: conditionSelect });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "time-condition.update",
      entityType: "TimeCondition",
      entityId: id,
      before,
      after: fields,
    });
    await recordChange(tx, { invalidate: { domain: ctx.domain.name } });
    return viewOf(row, await domainTimeZone(tx, ctx), new Date());
  });
}

async function assertUnreferenced(tx: DbTx, ctx: TenantContext, row: ConditionRow, what: string): Promise<void> {
  const refs = await findDestinationReferences(tx, ctx.domain.id, "TIME_CONDITION", row.number, row.id);
  if (refs.length > 0) throw new ConflictError(`Cannot ${what} business hours still used by ${refs.join(", ")}`);
}

export async function deleteTimeCondition(ctx: TenantContext, id: string): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const before = await findCondition(tx, ctx, id);
    await assertUnreferenced(tx, ctx, before, "delete");
    await tx.timeCondition.delete({ where: { id } });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "time-condition.delete",
      entityType: "TimeCondition",
      entityId: id,
      before,
    });
    await recordChange(tx, { invalidate: { domain: ctx.domain.name } });
  });
}

/** The manual override: closed until switched back, whatever the hours say. */
export async function setClosedNow(ctx: TenantContext, input: SetClosedNowInput): Promise<TimeConditionView> {
  return ctx.db.$transaction(async (tx) => {
    const before = await findCondition(tx, ctx, input.id);
    const row = await tx.timeCondition.update({
      where: { id: input.id },
      data: { closedNow: input.closedNow },
      select: conditionSelect,
    });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "time-condition.closed-now",
      entityType: "TimeCondition",
      entityId: input.id,
      before: { closedNow: before.closedNow },
      after: { closedNow: input.closedNow },
    });
    await recordChange(tx, { invalidate: { domain: ctx.domain.name } });
    return viewOf(row, await domainTimeZone(tx, ctx), new Date());
  });
}

/** The domain's own time zone, which all its business hours are judged in. */
export async function setDomainTimeZone(ctx: TenantContext, input: SetTimeZoneInput): Promise<{ timeZone: string }> {
  return ctx.db.$transaction(async (tx) => {
    const before = await domainTimeZone(tx, ctx);
    await tx.domain.update({ where: { id: ctx.domain.id }, data: { timeZone: input.timeZone } });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "domain.time-zone",
      entityType: "Domain",
      entityId: ctx.domain.id,
      before: { timeZone: before },
      after: input,
    });
    await recordChange(tx, { invalidate: { domain: ctx.domain.name } });
    return { timeZone: input.timeZone };
  });
}

/**
 * `*31<number>` dialled from a phone of the domain (the node-authenticated scope, see
 * server/tenancy/context.ts): sets the switch the planner chose, so a repeated request changes
 * nothing more. Audited under the phone that dialled it.
 */
export async function applyClosedNowSwitch(
  db: Db,
  target: { domainId: string; domainName: string; number: string; phone: string },
  closedNow: boolean,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const where = { domainId_number: { domainId: target.domainId, number: target.number } };
    const before = await tx.timeCondition.findUnique({ where, select: { id: true, closedNow: true } });
    if (!before) return;
    await tx.timeCondition.update({ where, data: { closedNow } });
    const actor = phoneActor(target.phone, target.domainName);
    await writeAudit(tx, actor, {
      domainId: target.domainId,
      action: "time-condition.closed-now",
      entityType: "TimeCondition",
      entityId: before.id,
      before: { closedNow: before.closedNow },
      after: { closedNow },
    });
    await recordChange(tx, { invalidate: { domain: target.domainName } });
  });
}
