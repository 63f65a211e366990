import { writeAudit } from "@/server/audit/writeAudit";
import type { PlatformContext } from "@/server/tenancy/context";
import { NotFoundError } from "@/server/tenancy/errors";
import type { SetFailoverPolicyInput, SetSpareInput } from "./schemas";

/** Turns automatic failover on or off for one domain. */
export async function setFailoverPolicy(ctx: PlatformContext, { domainId, failoverEnabled }: SetFailoverPolicyInput) {
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.domain.findUnique({ where: { id: domainId }, select: { failoverEnabled: true } });
    if (!before) throw new NotFoundError("Domain");
    const after = await tx.domain.update({
      where: { id: domainId },
      data: { failoverEnabled },
      select: { id: true, name: true, failoverEnabled: true },
    });
    await writeAudit(tx, ctx.actor, {
      domainId,
      action: "domain.failover-policy",
      entityType: "Domain",
      entityId: domainId,
      before,
      after: { failoverEnabled },
    });
    return after;
  });
}

/** Puts a node into the spare pool (first failover target, never placed on) or takes it out. */
export async function setNodeSpare(ctx: PlatformContext, { id, spare }: SetSpareInput) {
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.telephonyNode.findUnique({ where: { id }, select: { spare: true } });
    if (!before) throw new NotFoundError("Node");
    const after = await tx.telephonyNode.update({
      where: { id },
      data: { spare },
      select: { id: true, hostname: true, spare: true },
    });
    await writeAudit(tx, ctx.actor, {
      action: "node.spare",
      entityType: "TelephonyNode",
      entityId: id,
      before,
      after: { spare },
    });
    return after;
  });
}
