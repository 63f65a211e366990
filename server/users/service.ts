import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import { writeAudit } from "@/server/audit/writeAudit";
import { hashPassword } from "@/server/security/password";
import { pageArgs, type Page } from "@/server/shared/pagination";
import type { PlatformContext } from "@/server/tenancy/context";
import { ConflictError, NotFoundError } from "@/server/tenancy/errors";
import { assertEmailFree, assertMembershipTargets, auditDomainOf } from "./memberships";
import type { CreateUserInput, ListUsersInput, MembershipInput } from "./schemas";
import { END_SESSIONS } from "@/server/auth/endSessions";

export const membershipSelect = {
  id: true,
  role: true,
  domain: { select: { id: true, name: true } },
  extension: { select: { id: true, number: true, displayName: true } },
} satisfies Prisma.MembershipSelect;

const userSelect = {
  id: true,
  email: true,
  name: true,
  disabled: true,
  lastLoginAt: true,
  createdAt: true,
  memberships: { select: membershipSelect, orderBy: { createdAt: "asc" } },
} satisfies Prisma.UserSelect;

export type UserView = Prisma.UserGetPayload<{ select: typeof userSelect }>;

function grants(memberships: MembershipInput[]) {
  return memberships.map((m) => ({ role: m.role, domainId: m.domainId, extensionId: m.extensionId }));
}

export async function listUsers(ctx: PlatformContext, input: ListUsersInput): Promise<Page<UserView>> {
  const where: Prisma.UserWhereInput = {
    ...(input.search
      ? {
          OR: [
            { email: { contains: input.search, mode: "insensitive" } },
            { name: { contains: input.search, mode: "insensitive" } },
          ],
        }
      : {}),
    ...(input.role || input.domainId ? { memberships: { some: { role: input.role, domainId: input.domainId } } } : {}),
  };
  const [items, total] = await Promise.all([
    ctx.db.user.findMany({ where, select: userSelect, orderBy: { email: "asc" }, ...pageArgs(input) }),
    ctx.db.user.count({ where }),
  ]);
  return { items, total, page: input.page, pageSize: input.pageSize };
}

export async function createUser(ctx: PlatformContext, input: CreateUserInput): Promise<UserView> {
  const passwordHash = await hashPassword(input.password);
  return ctx.db.$transaction(async (tx) => {
    await assertEmailFree(tx, input.email);
    await assertMembershipTargets(tx, input.memberships, "memberships");
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, passwordHash, memberships: { create: grants(input.memberships) } },
      select: userSelect,
    });
    await writeAudit(tx, ctx.actor, {
      domainId: auditDomainOf(input.memberships),
      action: "user.create",
      entityType: "User",
      entityId: user.id,
      after: { email: user.email, name: user.name, memberships: grants(input.memberships) },
    });
    return user;
  });
}

/** A disabled user is refused at sign-in and on their next request (callers are loaded per request). */
export async function setUserDisabled(ctx: PlatformContext, id: string, disabled: boolean): Promise<UserView> {
  if (disabled && id === ctx.actor.userId) throw new ConflictError("You cannot disable your own account");
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, select: userSelect });
    if (!before) throw new NotFoundError("User");
    const user = await tx.user.update({
      where: { id },
      data: { disabled, ...(disabled ? END_SESSIONS : {}) },
      select: userSelect,
    });
    await writeAudit(tx, ctx.actor, {
      domainId: auditDomainOf(before.memberships.map((m) => ({ domainId: m.domain?.id ?? null }))),
      action: disabled ? "user.disable" : "user.enable",
      entityType: "User",
      entityId: id,
      before: { disabled: before.disabled },
      after: { disabled },
    });
    return user;
  });
}

export async function resetUserPassword(ctx: PlatformContext, id: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await ctx.db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { id: true } });
    if (!user) throw new NotFoundError("User");
    await tx.user.update({ where: { id }, data: { passwordHash, ...END_SESSIONS } });
    await writeAudit(tx, ctx.actor, { action: "user.reset-password", entityType: "User", entityId: id });
  });
}

/** Replaces all of a user's grants; a platform admin cannot take their own platform role away. */
export async function setMemberships(
  ctx: PlatformContext,
  id: string,
  memberships: MembershipInput[],
): Promise<UserView> {
  if (id === ctx.actor.userId && !memberships.some((m) => m.role === "PLATFORM_ADMIN")) {
    throw new ConflictError("You cannot remove your own platform administrator role", "memberships");
  }
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, select: userSelect });
    if (!before) throw new NotFoundError("User");
    await assertMembershipTargets(tx, memberships, "memberships");
    await tx.membership.deleteMany({ where: { userId: id } });
    await tx.membership.createMany({ data: grants(memberships).map((g) => ({ ...g, userId: id })) });
    const user = await tx.user.findUniqueOrThrow({ where: { id }, select: userSelect });
    await writeAudit(tx, ctx.actor, {
      domainId: auditDomainOf([...memberships, ...before.memberships.map((m) => ({ domainId: m.domain?.id ?? null }))]),
      action: "user.set-memberships",
      entityType: "User",
      entityId: id,
      before: { memberships: before.memberships },
      after: { memberships: user.memberships },
    });
    return user;
  });
}

/** Extensions of one tenant, to link an end-user login to. */
export function extensionChoices(ctx: PlatformContext, domainId: string) {
  return ctx.db.extension.findMany({
    where: { domainId },
    select: { id: true, number: true, displayName: true },
    orderBy: { number: "asc" },
    take: 1000,
  });
}
