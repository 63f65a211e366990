import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import type { DomainStatus } from "@/server/db/generated/enums";
import { writeAudit } from "@/server/audit/writeAudit";
import { placeNewDomain } from "@/server/cluster/failover/suggestPlacement";
import { recordChange } from "@/server/cluster/recordChange";
import { hashPassword } from "@/server/security/password";
import type { PlatformContext } from "@/server/tenancy/context";
import { ConflictError, NotFoundError } from "@/server/tenancy/errors";
import { pageArgs, type Page } from "@/server/shared/pagination";
import type { CreateDomainInput, ListDomainsInput, UpdateDomainInput } from "./schemas";

const domainSelect = {
  id: true,
  name: true,
  displayName: true,
  status: true,
  maxExtensions: true,
  maxConcurrentCalls: true,
  maxConferenceRooms: true,
  maxQueues: true,
  allowTenantRoutes: true,
  fallbackToAnyNode: true,
  timeZone: true,
  failoverEnabled: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { extensions: true, phoneNumbers: true } },
} satisfies Prisma.DomainSelect;

export type DomainSummary = Prisma.DomainGetPayload<{ select: typeof domainSelect }>;

export async function listDomains(ctx: PlatformContext, input: ListDomainsInput): Promise<Page<DomainSummary>> {
  const where: Prisma.DomainWhereInput = {
    status: input.status,
    ...(input.search
      ? {
          OR: [
            { name: { contains: input.search, mode: "insensitive" } },
            { displayName: { contains: input.search, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [items, total] = await Promise.all([
    ctx.db.domain.findMany({ where, select: domainSelect, orderBy: { name: "asc" }, ...pageArgs(input) }),
    ctx.db.domain.count({ where }),
  ]);
  return { items, total, page: input.page, pageSize: input.pageSize };
}

export async function getDomain(ctx: PlatformContext, id: string): Promise<DomainSummary> {
  const domain = await ctx.db.domain.findUnique({ where: { id }, select: domainSelect });
  if (!domain) throw new NotFoundError("Domain");
  return domain;
}

export async function createDomain(ctx: PlatformContext, input: CreateDomainInput): Promise<DomainSummary> {
  const { admin, nodeIds, ...fields } = input;
  const passwordHash = admin ? await hashPassword(admin.password) : null;
  return ctx.db.$transaction(async (tx) => {
    if (await tx.domain.findUnique({ where: { name: fields.name }, select: { id: true } })) {
      throw new ConflictError(`${fields.name} already exists`, "name");
    }
    if (admin && (await tx.user.findUnique({ where: { email: admin.email }, select: { id: true } }))) {
      throw new ConflictError(`A user with ${admin.email} already exists`, "admin.email");
    }
    const domain = await tx.domain.create({ data: fields, select: domainSelect });
    await writeAudit(tx, ctx.actor, {
      domainId: domain.id,
      action: "domain.create",
      entityType: "Domain",
      entityId: domain.id,
      after: fields,
    });
    // The endpoint may have cached "no such domain" for this name.
    await recordChange(tx, { invalidate: { domain: domain.name } });
    await placeNewDomain(tx, ctx.actor, domain, nodeIds);
    if (admin && passwordHash) {
      const user = await tx.user.create({
        data: {
          email: admin.email,
          name: admin.name,
          passwordHash,
          memberships: { create: { role: "TENANT_ADMIN", domainId: domain.id } },
        },
      });
      await writeAudit(tx, ctx.actor, {
        domainId: domain.id,
        action: "user.create",
        entityType: "User",
        entityId: user.id,
        after: { email: user.email, name: user.name, role: "TENANT_ADMIN" },
      });
    }
    return domain;
  });
}

export async function updateDomain(ctx: PlatformContext, input: UpdateDomainInput): Promise<DomainSummary> {
  const { id, ...fields } = input;
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.domain.findUnique({ where: { id } });
    if (!before) throw new NotFoundError("Domain");
    const domain = await tx.domain.update({ where: { id }, data: fields, select: domainSelect });
    await writeAudit(tx, ctx.actor, {
      domainId: id,
      action: "domain.update",
      entityType: "Domain",
      entityId: id,
      before,
      after: fields,
    });
    const fallbackChanged =
      fields.fallbackToAnyNode !== undefined && fields.fallbackToAnyNode !== before.fallbackToAnyNode;
    await recordChange(tx, {
      invalidate: { domain: domain.name },
      // Kamailio carries the rule in the domain's domainset value.
      push: fallbackChanged
        ? {
            reason: `domain ${domain.name} fallback to any node ${fields.fallbackToAnyNode ? "on" : "off"}`,
            events: [{ topic: "kamailio.sync" }],
          }
        : undefined,
    });
    return domain;
  });
}

/** Suspended domains get "not found" from the FreeSWITCH endpoint; cached users are flushed. */
export async function setDomainStatus(ctx: PlatformContext, id: string, status: DomainStatus): Promise<DomainSummary> {
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.domain.findUnique({ where: { id }, select: { name: true, status: true } });
    if (!before) throw new NotFoundError("Domain");
    const domain = await tx.domain.update({ where: { id }, data: { status }, select: domainSelect });
    await writeAudit(tx, ctx.actor, {
      domainId: id,
      action: status === "SUSPENDED" ? "domain.suspend" : "domain.resume",
      entityType: "Domain",
      entityId: id,
      before: { status: before.status },
      after: { status },
    });
    const users = await tx.extension.findMany({ where: { domainId: id }, select: { number: true } });
    await recordChange(tx, {
      invalidate: { domain: domain.name },
      push: {
        reason: `domain ${domain.name} ${status.toLowerCase()}`,
        events: [{ topic: "freeswitch.flush-user", domain: domain.name, users: users.map((u) => u.number) }],
      },
    });
    return domain;
  });
}

export async function deleteDomain(ctx: PlatformContext, id: string, confirmName: string): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const before = await tx.domain.findUnique({ where: { id } });
    if (!before) throw new NotFoundError("Domain");
    if (before.name !== confirmName.trim().toLowerCase()) {
      throw new ConflictError("Type the domain name exactly to confirm", "confirmName");
    }
    const users = await tx.extension.findMany({ where: { domainId: id }, select: { number: true } });
    await tx.domain.delete({ where: { id } });
    await writeAudit(tx, ctx.actor, { action: "domain.delete", entityType: "Domain", entityId: id, before });
    await recordChange(tx, {
      invalidate: { domain: before.name },
      push: {
        reason: `domain ${before.name} deleted`,
        events: [
          { topic: "kamailio.sync" },
          { topic: "freeswitch.flush-user", domain: before.name, users: users.map((u) => u.number) },
        ],
      },
    });
  });
}
