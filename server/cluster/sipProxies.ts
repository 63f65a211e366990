import "server-only";
import { writeAudit } from "@/server/audit/writeAudit";
import { seal } from "@/server/security/secretBox";
import type { PlatformContext } from "@/server/tenancy/context";
import { ConflictError, NotFoundError } from "@/server/tenancy/errors";
import { recordChange, type Change } from "./recordChange";
import type { CreateSipProxyInput, UpdateSipProxyInput } from "./schemas";

const PUBLIC_FIELDS = {
  id: true,
  name: true,
  rpcUrl: true,
  rpcUsername: true,
  enabled: true,
  appliedRevision: true,
  lastSyncAt: true,
  lastError: true,
} as const;

export async function listSipProxies(ctx: PlatformContext) {
  return ctx.db.sipProxy.findMany({ select: PUBLIC_FIELDS, orderBy: { name: "asc" } });
}

// A proxy change alters which source addresses FreeSWITCH accepts (ACL: proxy addresses are
// part of the acl.conf the endpoint serves) and needs a push (a new or re-enabled proxy must
// be brought to the current state).
const proxyChange = (reason: string): Change => ({
  invalidate: { platform: true },
  push: { reason, events: [{ topic: "kamailio.sync" }, { topic: "freeswitch.acl-changed" }] },
});

export async function createSipProxy(ctx: PlatformContext, { rpcPassword, ...input }: CreateSipProxyInput) {
  return ctx.db.$transaction(async (tx) => {
    if (await tx.sipProxy.findUnique({ where: { name: input.name }, select: { id: true } })) {
      throw new ConflictError("A proxy with this name exists", "name");
    }
    const created = await tx.sipProxy.create({
      data: { ...input, rpcPasswordEnc: rpcPassword ? seal(rpcPassword) : null },
      select: PUBLIC_FIELDS,
    });
    await writeAudit(tx, ctx.actor, {
      action: "proxy.create",
      entityType: "SipProxy",
      entityId: created.id,
      after: created,
    });
    await recordChange(tx, proxyChange(`proxy ${created.name} created`));
    return created;
  });
}

export async function updateSipProxy(ctx: PlatformContext, { id, rpcPassword, ...changes }: UpdateSipProxyInput) {
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.sipProxy.findUnique({ where: { id }, select: PUBLIC_FIELDS });
    if (!before) throw new NotFoundError("Proxy");
    const after = await tx.sipProxy.update({
      where: { id },
      data: {
        ...changes,
        ...(rpcPassword !== undefined ? { rpcPasswordEnc: rpcPassword ? seal(rpcPassword) : null } : {}),
      },
      select: PUBLIC_FIELDS,
    });
    await writeAudit(tx, ctx.actor, { action: "proxy.update", entityType: "SipProxy", entityId: id, before, after });
    await recordChange(tx, proxyChange(`proxy ${after.name} updated`));
    return after;
  });
}

export async function deleteSipProxy(ctx: PlatformContext, id: string) {
  await ctx.db.$transaction(async (tx) => {
    const before = await tx.sipProxy.findUnique({ where: { id }, select: PUBLIC_FIELDS });
    if (!before) throw new NotFoundError("Proxy");
    await tx.sipProxy.delete({ where: { id } });
    await writeAudit(tx, ctx.actor, { action: "proxy.delete", entityType: "SipProxy", entityId: id, before });
    // A removed proxy has nothing left to push to; its addresses leave the ACL.
    await recordChange(tx, {
      invalidate: { platform: true },
      push: { reason: `proxy ${before.name} deleted`, events: [{ topic: "freeswitch.acl-changed" }] },
    });
  });
}
