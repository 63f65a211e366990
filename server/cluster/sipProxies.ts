import { writeAudit } from "@/server/audit/writeAudit";
import { notifyConfigChanged } from "@/server/freeswitch/configChanged";
import { seal } from "@/server/security/secretBox";
import type { PlatformContext } from "@/server/tenancy/context";
import { ConflictError, NotFoundError } from "@/server/tenancy/errors";
import { recordClusterChange } from "./recordClusterChange";
import { CreateSipProxyInput, UpdateSipProxyInput } from "./schemas";

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

// A proxy change alters which source addresses FreeSWITCH accepts (ACL) and needs a push
// (a new or re-enabled proxy must be brought to the current state).
const EVENTS = [{ topic: "kamailio.sync" }, { topic: "freeswitch.acl-changed" }] as const;

export async function createSipProxy(ctx: PlatformContext, raw: CreateSipProxyInput) {
  const { rpcPassword, ...input } = CreateSipProxyInput.parse(raw);
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
    // Proxy addresses are part of the acl.conf the endpoint serves.
    await notifyConfigChanged(tx, { platform: true });
    await recordClusterChange(tx, `proxy ${created.name} created`, [...EVENTS]);
    return created;
  });
}

export async function updateSipProxy(ctx: PlatformContext, raw: UpdateSipProxyInput) {
  const { id, rpcPassword, ...changes } = UpdateSipProxyInput.parse(raw);
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
    // Proxy addresses are part of the acl.conf the endpoint serves.
    await notifyConfigChanged(tx, { platform: true });
    await recordClusterChange(tx, `proxy ${after.name} updated`, [...EVENTS]);
    return after;
  });
}

export async function deleteSipProxy(ctx: PlatformContext, id: string) {
  await ctx.db.$transaction(async (tx) => {
    const before = await tx.sipProxy.findUnique({ where: { id }, select: PUBLIC_FIELDS });
    if (!before) throw new NotFoundError("Proxy");
    await tx.sipProxy.delete({ where: { id } });
    await writeAudit(tx, ctx.actor, { action: "proxy.delete", entityType: "SipProxy", entityId: id, before });
    // Proxy addresses are part of the acl.conf the endpoint serves.
    await notifyConfigChanged(tx, { platform: true });
    await recordClusterChange(tx, `proxy ${before.name} deleted`, [{ topic: "freeswitch.acl-changed" }]);
  });
}
