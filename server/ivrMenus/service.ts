import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import type { DbTx } from "@/server/db/client";
import { writeAudit } from "@/server/audit/writeAudit";
import { recordChange } from "@/server/cluster/recordChange";
import { assertNumberFree } from "@/server/shared/assertNumberFree";
import { assertDestinationExists, findDestinationReferences } from "@/server/shared/destinationQueries";
import type { Destination } from "@/server/shared/destinationSchema";
import { pageArgs, type Page } from "@/server/shared/pagination";
import type { TenantContext } from "@/server/tenancy/context";
import { ConflictError, NotFoundError } from "@/server/tenancy/errors";
import type { CreateIvrMenuInput, ListIvrMenusInput, UpdateIvrMenuInput } from "./schemas";

const ivrMenuSelect = {
  id: true,
  number: true,
  name: true,
  greeting: true,
  timeoutSeconds: true,
  maxFailures: true,
  invalidType: true,
  invalidTarget: true,
  timeoutType: true,
  timeoutTarget: true,
  updatedAt: true,
  options: { orderBy: { digits: "asc" }, select: { digits: true, destType: true, destTarget: true } },
} satisfies Prisma.IvrMenuSelect;

export type IvrMenuView = Prisma.IvrMenuGetPayload<{ select: typeof ivrMenuSelect }>;

export async function listIvrMenus(ctx: TenantContext, input: ListIvrMenusInput): Promise<Page<IvrMenuView>> {
  const where: Prisma.IvrMenuWhereInput = {
    domainId: ctx.domain.id,
    ...(input.search
      ? { OR: [{ number: { startsWith: input.search } }, { name: { contains: input.search, mode: "insensitive" } }] }
      : {}),
  };
  const [items, total] = await Promise.all([
    ctx.db.ivrMenu.findMany({ where, select: ivrMenuSelect, orderBy: [{ number: "asc" }], ...pageArgs(input) }),
    ctx.db.ivrMenu.count({ where }),
  ]);
  return { items, total, page: input.page, pageSize: input.pageSize };
}

export async function getIvrMenu(ctx: TenantContext, id: string): Promise<IvrMenuView> {
  const menu = await ctx.db.ivrMenu.findFirst({ where: { id, domainId: ctx.domain.id }, select: ivrMenuSelect });
  if (!menu) throw new NotFoundError("IVR menu");
  return menu;
}

async function validate(tx: DbTx, ctx: TenantContext, input: CreateIvrMenuInput, id?: string): Promise<void> {
  await assertNumberFree(tx, ctx.domain.id, input.number, id ? { kind: "ivrMenu", id } : undefined);
  const checks: [Destination, string][] = [
    [input.invalid, "invalid.target"],
    [input.timeout, "timeout.target"],
    ...input.options.map((o, i): [Destination, string] => [o.destination, `options.${i}.destination.target`]),
  ];
  for (const [destination, field] of checks) {
    // A menu that sends callers back to itself is a legitimate "repeat the menu".
    if (destination.type === "IVR_MENU" && destination.target === input.number) continue;
    await assertDestinationExists(tx, ctx.domain.id, destination, field);
  }
}

function columns(input: CreateIvrMenuInput) {
  return {
    number: input.number,
    name: input.name,
    greeting: input.greeting,
    timeoutSeconds: input.timeoutSeconds,
    maxFailures: input.maxFailures,
    invalidType: input.invalid.type,
    invalidTarget: input.invalid.target,
    timeoutType: input.timeout.type,
    timeoutTarget: input.timeout.target,
  };
}

const optionRows = (input: CreateIvrMenuInput) =>
  input.options.map((o) => ({ digits: o.digits, destType: o.destination.type, destTarget: o.destination.target }));

export async function createIvrMenu(ctx: TenantContext, input: CreateIvrMenuInput): Promise<IvrMenuView> {
  return ctx.db.$transaction(async (tx) => {
    await validate(tx, ctx, input);
    const menu = await tx.ivrMenu.create({
      data: { ...columns(input), domainId: ctx.domain.id, options: { create: optionRows(input) } },
      select: ivrMenuSelect,
    });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "ivr-menu.create",
      entityType: "IvrMenu",
      entityId: menu.id,
      after: input,
    });
    await recordChange(tx, { invalidate: { domain: ctx.domain.name } });
    return menu;
  });
}

export async function updateIvrMenu(ctx: TenantContext, input: UpdateIvrMenuInput): Promise<IvrMenuView> {
  const { id, ...fields } = input;
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.ivrMenu.findFirst({ where: { id, domainId: ctx.domain.id }, select: ivrMenuSelect });
    if (!before) throw new NotFoundError("IVR menu");
    if (before.number !== fields.number) {
      const refs = await findDestinationReferences(tx, ctx.domain.id, "IVR_MENU", before.number, id);
      if (refs.length > 0)
        throw new ConflictError(`Calls reach ${before.number} from ${refs.join(", ")}; change those first`, "number");
    }
    await validate(tx, ctx, fields, id);
    await tx.ivrOption.deleteMany({ where: { menuId: id } });
    const menu = await tx.ivrMenu.update({
      where: { id },
      data: { ...columns(fields), options: { create: optionRows(fields) } },
      select: ivrMenuSelect,
    });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "ivr-menu.update",
      entityType: "IvrMenu",
      entityId: id,
      before,
      after: fields,
    });
    await recordChange(tx, { invalidate: { domain: ctx.domain.name } });
    return menu;
  });
}

export async function deleteIvrMenu(ctx: TenantContext, id: string): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const before = await tx.ivrMenu.findFirst({ where: { id, domainId: ctx.domain.id }, select: ivrMenuSelect });
    if (!before) throw new NotFoundError("IVR menu");
    // The menu's own "repeat" options go with it.
    const refs = await findDestinationReferences(tx, ctx.domain.id, "IVR_MENU", before.number, id);
    if (refs.length > 0) throw new ConflictError(`Still in use by ${refs.join(", ")}`);
    await tx.ivrMenu.delete({ where: { id } });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "ivr-menu.delete",
      entityType: "IvrMenu",
      entityId: id,
      before,
    });
    await recordChange(tx, { invalidate: { domain: ctx.domain.name } });
  });
}
