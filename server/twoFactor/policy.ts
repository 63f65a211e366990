import { writeAudit } from "@/server/audit/writeAudit";
import type { Db } from "@/server/db/client";
import type { Role } from "@/server/db/generated/enums";
import type { PlatformContext, TenantContext } from "@/server/tenancy/context";
import type { PlatformTwoFactorPolicy, TenantTwoFactorPolicy } from "./schemas";

const POLICY_ID = "platform";

/** The platform switch; no row = the default (not required). */
export async function platformTwoFactorPolicy(db: Db): Promise<PlatformTwoFactorPolicy> {
  const row = await db.twoFactorPolicy.findUnique({ where: { id: POLICY_ID } });
  return { requireForPlatformAdmins: row?.requireForPlatformAdmins ?? false };
}

export async function setPlatformTwoFactorPolicy(
  platform: PlatformContext,
  input: PlatformTwoFactorPolicy,
): Promise<PlatformTwoFactorPolicy> {
  return platform.db.$transaction(async (tx) => {
    const before = await tx.twoFactorPolicy.findUnique({ where: { id: POLICY_ID } });
    const row = await tx.twoFactorPolicy.upsert({
      where: { id: POLICY_ID },
      create: { id: POLICY_ID, ...input },
      update: input,
    });
    await writeAudit(tx, platform.actor, {
      action: "two-factor.platform-policy",
      entityType: "TwoFactorPolicy",
      entityId: POLICY_ID,
      before: { requireForPlatformAdmins: before?.requireForPlatformAdmins ?? false },
      after: input,
    });
    return { requireForPlatformAdmins: row.requireForPlatformAdmins };
  });
}

export async function tenantTwoFactorPolicy(tenant: TenantContext): Promise<TenantTwoFactorPolicy> {
  const domain = await tenant.db.domain.findUniqueOrThrow({
    where: { id: tenant.domain.id },
    select: { requireTwoFactorForAdmins: true },
  });
  return { requireForAdmins: domain.requireTwoFactorForAdmins };
}

export async function setTenantTwoFactorPolicy(
  tenant: TenantContext,
  input: TenantTwoFactorPolicy,
): Promise<TenantTwoFactorPolicy> {
  return tenant.db.$transaction(async (tx) => {
    const before = await tx.domain.findUniqueOrThrow({
      where: { id: tenant.domain.id },
      select: { requireTwoFactorForAdmins: true },
    });
    await tx.domain.update({
      where: { id: tenant.domain.id },
      data: { requireTwoFactorForAdmins: input.requireForAdmins },
    });
    await writeAudit(tx, tenant.actor, {
      domainId: tenant.domain.id,
      action: "domain.two-factor-policy",
      entityType: "Domain",
      entityId: tenant.domain.id,
      before: { requireForAdmins: before.requireTwoFactorForAdmins },
      after: input,
    });
    return input;
  });
}

export type PolicyMembership = { role: Role; domainRequiresTwoFactorForAdmins: boolean };

/** Whether any of a person's roles falls under a "require two-factor" switch. */
export function twoFactorRequiredFor(memberships: PolicyMembership[], platform: PlatformTwoFactorPolicy): boolean {
  return memberships.some(
    (m) =>
      (m.role === "PLATFORM_ADMIN" && platform.requireForPlatformAdmins) ||
      (m.role === "TENANT_ADMIN" && m.domainRequiresTwoFactorForAdmins),
  );
}

export async function isTwoFactorRequired(db: Db, userId: string): Promise<boolean> {
  const [memberships, platform] = await Promise.all([
    db.membership.findMany({
      where: { userId },
      select: { role: true, domain: { select: { requireTwoFactorForAdmins: true } } },
    }),
    platformTwoFactorPolicy(db),
  ]);
  return twoFactorRequiredFor(
    memberships.map((m) => ({
      role: m.role,
      domainRequiresTwoFactorForAdmins: m.domain?.requireTwoFactorForAdmins ?? false,
    })),
    platform,
  );
}
