import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import type { Db, DbTx } from "@/server/db/client";
import { writeAudit } from "@/server/audit/writeAudit";
import { recordChange } from "@/server/cluster/recordChange";
import { pageArgs, type Page } from "@/server/shared/pagination";
import type { Actor, PlatformContext, TenantContext } from "@/server/tenancy/context";
import { ConflictError, ForbiddenError, NotFoundError } from "@/server/tenancy/errors";
import type { ListRoutesInput, RouteInput, UpdateRouteInput } from "./schemas";

/**
 * Platform routes (domain null) and a tenant's own routes share one implementation;
 * the scope decides which rows are visible and which trunks may be used.
 */
type RouteScope = { db: Db; actor: Actor; domain: { id: string; name: string } | null };

const routeSelect = {
  id: true,
  name: true,
  priority: true,
  pattern: true,
  stripDigits: true,
  prepend: true,
  callerIdNumber: true,
  enabled: true,
  updatedAt: true,
  trunks: {
    select: { position: true, trunk: { select: { id: true, name: true, enabled: true } } },
    orderBy: { position: "asc" },
  },
} satisfies Prisma.OutboundRouteSelect;

export type RouteView = Prisma.OutboundRouteGetPayload<{ select: typeof routeSelect }>;
export type TrunkChoice = { id: string; name: string; enabled: boolean };

function domainIdOf(scope: RouteScope): string | null {
  return scope.domain?.id ?? null;
}

/** Platform trunks serve everyone; a tenant may also use trunks of its own domain. */
function trunkWhere(scope: RouteScope): Prisma.TrunkWhereInput {
  return scope.domain ? { OR: [{ domainId: null }, { domainId: scope.domain.id }] } : { domainId: null };
}

async function assertTrunksUsable(tx: DbTx, scope: RouteScope, trunkIds: string[]): Promise<void> {
  const found = await tx.trunk.count({ where: { id: { in: trunkIds }, ...trunkWhere(scope) } });
  if (found !== trunkIds.length) throw new ConflictError("Pick trunks from the list", "trunkIds");
}

async function assertTenantRoutesAllowed(ctx: TenantContext): Promise<void> {
  const domain = await ctx.db.domain.findUniqueOrThrow({
    where: { id: ctx.domain.id },
    select: { allowTenantRoutes: true },
  });
  if (!domain.allowTenantRoutes)
    throw new ForbiddenError("Your provider has not enabled tenant outbound routes for this domain");
}

async function recordRouteChange(tx: DbTx, scope: RouteScope): Promise<void> {
  await recordChange(tx, { invalidate: scope.domain ? { domain: scope.domain.name } : { platform: true } });
}

async function list(scope: RouteScope, input: ListRoutesInput): Promise<Page<RouteView>> {
  const where: Prisma.OutboundRouteWhereInput = {
    domainId: domainIdOf(scope),
    ...(input.search
      ? { OR: [{ name: { contains: input.search, mode: "insensitive" } }, { pattern: { contains: input.search } }] }
      : {}),
  };
  const [items, total] = await Promise.all([
    scope.db.outboundRoute.findMany({
      where,
      select: routeSelect,
      orderBy: [{ priority: "asc" }, { name: "asc" }],
      ...pageArgs(input),
    }),
    scope.db.outboundRoute.count({ where }),
  ]);
  return { items, total, page: input.page, pageSize: input.pageSize };
}

function trunkRows(trunkIds: string[]) {
  return trunkIds.map((trunkId, position) => ({ trunkId, position }));
}

async function create(scope: RouteScope, input: RouteInput): Promise<RouteView> {
  const { trunkIds, ...fields } = input;
  return scope.db.$transaction(async (tx) => {
    await assertTrunksUsable(tx, scope, trunkIds);
    const route = await tx.outboundRoute.create({
      data: { ...fields, domainId: domainIdOf(scope), trunks: { create: trunkRows(trunkIds) } },
      select: routeSelect,
    });
    await writeAudit(tx, scope.actor, {
      domainId: domainIdOf(scope),
      action: "route.create",
      entityType: "OutboundRoute",
      entityId: route.id,
      after: input,
    });
    await recordRouteChange(tx, scope);
    return route;
  });
}

/** The scope's own route (a tenant never reaches the platform's, nor the platform a tenant's). */
async function findRoute(tx: DbTx, scope: RouteScope, id: string): Promise<RouteView> {
  const route = await tx.outboundRoute.findFirst({ where: { id, domainId: domainIdOf(scope) }, select: routeSelect });
  if (!route) throw new NotFoundError("Route");
  return route;
}

/** Trunks by name, so the audit log reads without joins. */
const auditedRoute = (route: RouteView) => ({ ...route, trunks: route.trunks.map((t) => t.trunk.name) });

async function update(scope: RouteScope, input: UpdateRouteInput): Promise<RouteView> {
  const { id, trunkIds, ...fields } = input;
  return scope.db.$transaction(async (tx) => {
    const before = await findRoute(tx, scope, id);
    await assertTrunksUsable(tx, scope, trunkIds);
    await tx.outboundRouteTrunk.deleteMany({ where: { routeId: id } });
    const route = await tx.outboundRoute.update({
      where: { id },
      data: { ...fields, trunks: { create: trunkRows(trunkIds) } },
      select: routeSelect,
    });
    await writeAudit(tx, scope.actor, {
      domainId: domainIdOf(scope),
      action: "route.update",
      entityType: "OutboundRoute",
      entityId: id,
      before: auditedRoute(before),
      after: { ...fields, trunks: route.trunks.map((t) => t.trunk.name) },
    });
    await recordRouteChange(tx, scope);
    return route;
  });
}

async function remove(scope: RouteScope, id: string): Promise<void> {
  await scope.db.$transaction(async (tx) => {
    const before = await findRoute(tx, scope, id);
    await tx.outboundRoute.delete({ where: { id } });
    await writeAudit(tx, scope.actor, {
      domainId: domainIdOf(scope),
      action: "route.delete",
      entityType: "OutboundRoute",
      entityId: id,
      before: auditedRoute(before),
    });
    await recordRouteChange(tx, scope);
  });
}

async function trunkChoices(scope: RouteScope): Promise<TrunkChoice[]> {
  return scope.db.trunk.findMany({
    where: trunkWhere(scope),
    select: { id: true, name: true, enabled: true },
    orderBy: { name: "asc" },
  });
}

const platformScope = (ctx: PlatformContext): RouteScope => ({ db: ctx.db, actor: ctx.actor, domain: null });
const tenantScope = (ctx: TenantContext): RouteScope => ({ db: ctx.db, actor: ctx.actor, domain: ctx.domain });

export const listPlatformRoutes = (ctx: PlatformContext, input: ListRoutesInput) => list(platformScope(ctx), input);
export const createPlatformRoute = (ctx: PlatformContext, input: RouteInput) => create(platformScope(ctx), input);
export const updatePlatformRoute = (ctx: PlatformContext, input: UpdateRouteInput) => update(platformScope(ctx), input);
export const deletePlatformRoute = (ctx: PlatformContext, id: string) => remove(platformScope(ctx), id);
export const platformTrunkChoices = (ctx: PlatformContext) => trunkChoices(platformScope(ctx));

/** The tenant's routes plus whether it may change them (the list stays readable either way). */
export async function listTenantRoutes(
  ctx: TenantContext,
  input: ListRoutesInput,
): Promise<Page<RouteView> & { editable: boolean }> {
  const [page, domain] = await Promise.all([
    list(tenantScope(ctx), input),
    ctx.db.domain.findUniqueOrThrow({ where: { id: ctx.domain.id }, select: { allowTenantRoutes: true } }),
  ]);
  return { ...page, editable: domain.allowTenantRoutes };
}

export async function createTenantRoute(ctx: TenantContext, input: RouteInput): Promise<RouteView> {
  await assertTenantRoutesAllowed(ctx);
  return create(tenantScope(ctx), input);
}

export async function updateTenantRoute(ctx: TenantContext, input: UpdateRouteInput): Promise<RouteView> {
  await assertTenantRoutesAllowed(ctx);
  return update(tenantScope(ctx), input);
}

export async function deleteTenantRoute(ctx: TenantContext, id: string): Promise<void> {
  await assertTenantRoutesAllowed(ctx);
  return remove(tenantScope(ctx), id);
}

export const tenantTrunkChoices = (ctx: TenantContext) => trunkChoices(tenantScope(ctx));
