import type { Prisma } from "@/server/db/generated/client";
import type { DbTx } from "@/server/db/client";
import { writeAudit } from "@/server/audit/writeAudit";
import { hashPassword } from "@/server/security/password";
import { pageArgs, type Page } from "@/server/shared/pagination";
import type { TenantContext } from "@/server/tenancy/context";
import { ConflictError, ForbiddenError, NotFoundError } from "@/server/tenancy/errors";
import { assertEmailFree, assertMembershipTargets } from "./memberships";
import type { CreateTenantUserInput, ListTenantUsersInput, UpdateTenantUserInput } from "./schemas";
import { membershipSelect } from "./service";
import { END_SESSIONS } from "@/server/auth/endSessions";

/**
 * A tenant admin sees a user only through that user's grants in this domain. Users who
 * also hold grants elsewhere are "shared": their account (name, password, disabled)
 * belongs to the platform admin, and only their grant here can be changed.
 */
export type TenantUserView = {
  id: string;
  email: string;
  name: string;
  disabled: boolean;
  lastLoginAt: Date | null;
  role: "TENANT_ADMIN" | "TENANT_USER";
  extension: { id: string; number: string; displayName: string } | null;
  shared: boolean;
};

function tenantUserSelect(domainId: string) {
  return {
    id: true,
    email: true,
    name: true,
    disabled: true,
    lastLoginAt: true,
    memberships: { where: { domainId }, select: membershipSelect },
    _count: { select: { memberships: { where: { OR: [{ domainId: null }, { domainId: { not: domainId } }] } } } },
  } satisfies Prisma.UserSelect;
}

type TenantUserRow = Prisma.UserGetPayload<{ select: ReturnType<typeof tenantUserSelect> }>;

function toView({ memberships, _count, ...user }: TenantUserRow): TenantUserView {
  const admin = memberships.find((m) => m.role === "TENANT_ADMIN");
  const member = admin ?? memberships[0];
  return {
    ...user,
    role: admin ? "TENANT_ADMIN" : "TENANT_USER",
    extension: member?.extension ?? null,
    shared: _count.memberships > 0,
  };
}

async function findInDomain(tx: DbTx, ctx: TenantContext, id: string): Promise<TenantUserView> {
  const row = await tx.user.findFirst({
    where: { id, memberships: { some: { domainId: ctx.domain.id } } },
    select: tenantUserSelect(ctx.domain.id),
  });
  if (!row) throw new NotFoundError("User");
  return toView(row);
}

function assertNotSelf(ctx: TenantContext, id: string, what: string): void {
  if (id === ctx.actor.userId) throw new ConflictError(`You cannot ${what} your own account`);
}

function assertOwnedHere(user: TenantUserView): void {
  if (user.shared)
    throw new ForbiddenError("This user also has access elsewhere; ask your provider to change the account");
}

function grant(ctx: TenantContext, input: { role: "TENANT_ADMIN" | "TENANT_USER"; extensionId: string | null }) {
  return {
    role: input.role,
    domainId: ctx.domain.id,
    extensionId: input.role === "TENANT_USER" ? input.extensionId : null,
  };
}

export async function listTenantUsers(ctx: TenantContext, input: ListTenantUsersInput): Promise<Page<TenantUserView>> {
  const where: Prisma.UserWhereInput = {
    memberships: { some: { domainId: ctx.domain.id } },
    ...(input.search
      ? {
          OR: [
            { email: { contains: input.search, mode: "insensitive" } },
            { name: { contains: input.search, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    ctx.db.user.findMany({
      where,
      select: tenantUserSelect(ctx.domain.id),
      orderBy: { email: "asc" },
      ...pageArgs(input),
    }),
    ctx.db.user.count({ where }),
  ]);
  return { items: rows.map(toView), total, page: input.page, pageSize: input.pageSize };
}

export async function createTenantUser(ctx: TenantContext, input: CreateTenantUserInput): Promise<TenantUserView> {
  const passwordHash = await hashPassword(input.password);
  const membership = grant(ctx, input);
  return ctx.db.$transaction(async (tx) => {
    await assertEmailFree(tx, input.email);
    await assertMembershipTargets(tx, [membership], "extensionId");
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, passwordHash, memberships: { create: membership } },
      select: { id: true },
    });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "user.create",
      entityType: "User",
      entityId: user.id,
      after: { email: input.email, name: input.name, role: membership.role, extensionId: membership.extensionId },
    });
    return findInDomain(tx, ctx, user.id);
  });
}

export async function updateTenantUser(ctx: TenantContext, input: UpdateTenantUserInput): Promise<TenantUserView> {
  const membership = grant(ctx, input);
  if (input.id === ctx.actor.userId && membership.role !== "TENANT_ADMIN" && ctx.role !== "PLATFORM_ADMIN") {
    throw new ConflictError("You cannot take your own administrator role away", "role");
  }
  return ctx.db.$transaction(async (tx) => {
    const before = await findInDomain(tx, ctx, input.id);
    if (before.shared && before.name !== input.name) assertOwnedHere(before);
    await assertMembershipTargets(tx, [membership], "extensionId");
    await tx.membership.deleteMany({ where: { userId: input.id, domainId: ctx.domain.id } });
    await tx.membership.create({ data: { ...membership, userId: input.id } });
    if (!before.shared) await tx.user.update({ where: { id: input.id }, data: { name: input.name } });
    const after = await findInDomain(tx, ctx, input.id);
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "user.update",
      entityType: "User",
      entityId: input.id,
      before: { name: before.name, role: before.role, extension: before.extension?.number ?? null },
      after: { name: after.name, role: after.role, extension: after.extension?.number ?? null },
    });
    return after;
  });
}

export async function setTenantUserDisabled(
  ctx: TenantContext,
  id: string,
  disabled: boolean,
): Promise<TenantUserView> {
  if (disabled) assertNotSelf(ctx, id, "disable");
  return ctx.db.$transaction(async (tx) => {
    const before = await findInDomain(tx, ctx, id);
    assertOwnedHere(before);
    await tx.user.update({ where: { id }, data: { disabled, ...(disabled ? END_SESSIONS : {}) } });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: disabled ? "user.disable" : "user.enable",
      entityType: "User",
      entityId: id,
      before: { disabled: before.disabled },
      after: { disabled },
    });
    return { ...before, disabled };
  });
}

export async function resetTenantUserPassword(ctx: TenantContext, id: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await ctx.db.$transaction(async (tx) => {
    assertOwnedHere(await findInDomain(tx, ctx, id));
    await tx.user.update({ where: { id }, data: { passwordHash, ...END_SESSIONS } });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "user.reset-password",
      entityType: "User",
      entityId: id,
    });
  });
}

/** Takes away the user's access to this domain; an account left with no access at all is deleted. */
export async function removeTenantUser(ctx: TenantContext, id: string): Promise<void> {
  assertNotSelf(ctx, id, "remove");
  await ctx.db.$transaction(async (tx) => {
    const before = await findInDomain(tx, ctx, id);
    await tx.membership.deleteMany({ where: { userId: id, domainId: ctx.domain.id } });
    if (!before.shared) await tx.user.delete({ where: { id } });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "user.remove",
      entityType: "User",
      entityId: id,
      before: { email: before.email, role: before.role, extension: before.extension?.number ?? null },
    });
  });
}
