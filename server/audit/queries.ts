import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/client";
import { pageArgs, type Page } from "@/server/shared/pagination";
import type { PlatformContext, TenantContext } from "@/server/tenancy/context";
import type { ListAuditInput } from "./schemas";

const auditSelect = {
  id: true,
  createdAt: true,
  actorLabel: true,
  action: true,
  entityType: true,
  entityId: true,
  ip: true,
  before: true,
  after: true,
  domain: { select: { id: true, name: true } },
} satisfies Prisma.AuditLogSelect;

export type AuditRow = Prisma.AuditLogGetPayload<{ select: typeof auditSelect }>;

const DAY_MS = 86_400_000;

function filters(input: ListAuditInput): Prisma.AuditLogWhereInput {
  return {
    ...(input.actor ? { actorLabel: { contains: input.actor, mode: "insensitive" } } : {}),
    ...(input.action ? { action: { startsWith: input.action } } : {}),
    ...(input.entityType ? { entityType: input.entityType } : {}),
    ...(input.from || input.to
      ? {
          createdAt: {
            ...(input.from ? { gte: new Date(`${input.from}T00:00:00Z`) } : {}),
            ...(input.to ? { lt: new Date(new Date(`${input.to}T00:00:00Z`).getTime() + DAY_MS) } : {}),
          },
        }
      : {}),
  };
}

async function page(db: Db, where: Prisma.AuditLogWhereInput, input: ListAuditInput): Promise<Page<AuditRow>> {
  const [items, total] = await Promise.all([
    db.auditLog.findMany({ where, select: auditSelect, orderBy: { id: "desc" }, ...pageArgs(input) }),
    db.auditLog.count({ where }),
  ]);
  return { items, total, page: input.page, pageSize: input.pageSize };
}

export function listAudit(ctx: PlatformContext, input: ListAuditInput): Promise<Page<AuditRow>> {
  return page(ctx.db, { ...filters(input), ...(input.domainId ? { domainId: input.domainId } : {}) }, input);
}

/** Tenant admins: their own domain's rows only, whatever domainId the input names. */
export function listTenantAudit(ctx: TenantContext, input: ListAuditInput): Promise<Page<AuditRow>> {
  return page(ctx.db, { ...filters(input), domainId: ctx.domain.id }, input);
}

/** The entity types present, for the filter menu. */
export async function auditEntityTypes(db: Db, domainId?: string): Promise<string[]> {
  const rows = await db.auditLog.findMany({
    where: domainId ? { domainId } : {},
    distinct: ["entityType"],
    select: { entityType: true },
    orderBy: { entityType: "asc" },
  });
  return rows.map((r) => r.entityType);
}

export function recentAudit(db: Db, take: number): Promise<AuditRow[]> {
  return db.auditLog.findMany({ select: auditSelect, orderBy: { id: "desc" }, take });
}
