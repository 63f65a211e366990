import "server-only";
import { randomBytes } from "node:crypto";
import { writeAudit } from "@/server/audit/writeAudit";
import { healthNote } from "@/server/liveState/healthNote";
import { hashPassword } from "@/server/security/password";
import { seal } from "@/server/security/secretBox";
import type { PlatformContext } from "@/server/tenancy/context";
import { ConflictError, NotFoundError } from "@/server/tenancy/errors";
import { recordWebhookEvent } from "@/server/webhooks/recordWebhookEvent";
import { drainWindow } from "./failover/drain";
import { nodeKamailioView } from "./kamailio/nodeKamailioView";
import { recordChange, type Change } from "./recordChange";
import { resolveNodeHosts } from "./resolveNodeHosts";
import type { CreateNodeInput, SetNodeAdminStateInput, UpdateNodeInput } from "./schemas";

// What a node looks like to the portal: never its secrets.
const PUBLIC_FIELDS = {
  id: true,
  hostname: true,
  sipAddress: true,
  sipPort: true,
  externalSipPort: true,
  eslHost: true,
  eslPort: true,
  capacity: true,
  weight: true,
  adminState: true,
  health: true,
  lastSeenAt: true,
  activeCalls: true,
  xmlCurlUser: true,
  allowedSources: true,
  appliedRevision: true,
  lastSyncAt: true,
  lastSyncError: true,
  lastHeartbeatAt: true,
  eslConnectedAt: true,
  eslDisconnectedAt: true,
  eslLastError: true,
  uptimeSec: true,
  sessionCount: true,
  cpuIdle: true,
  spare: true,
  drainStartedAt: true,
  drainDeadlineAt: true,
} as const;

// A node's addresses are in every proxy's dispatcher sets and every node's ACL; the endpoint
// caches the node itself (secret hash, allowed sources) and its sofia/acl answers.
const nodeChange = (reason: string): Change => ({
  invalidate: { platform: true },
  push: { reason, events: [{ topic: "kamailio.sync" }, { topic: "freeswitch.acl-changed" }] },
});

export async function listNodes(ctx: PlatformContext) {
  const nodes = await ctx.db.telephonyNode.findMany({ select: PUBLIC_FIELDS, orderBy: { hostname: "asc" } });
  // The second, independent signal: what each SIP proxy's probing sees (null: no proxy has reported it yet).
  const kamailioViews = new Map((await nodeKamailioView(ctx.db)).map((v) => [v.nodeId, v]));
  // "never connected" vs "lost 2 min ago": the API says why, not only UP/DOWN.
  const now = new Date();
  return nodes.map((n) => ({ ...n, healthNote: healthNote(n, now), kamailio: kamailioViews.get(n.id) ?? null }));
}

/** Creates a node; the xml_curl secret is in the result and nowhere else, ever again. */
export async function createNode(ctx: PlatformContext, input: CreateNodeInput) {
  await resolveNodeHosts({ sipAddress: input.sipAddress, eslHost: input.eslHost });
  // The node's own host name: operators recognise it in logs and the seed does the same.
  const xmlCurlUser = input.hostname.toLowerCase();
  const xmlCurlSecret = randomBytes(24).toString("base64url");
  const xmlCurlSecretHash = await hashPassword(xmlCurlSecret);
  const { eslPassword, ...rest } = input;
  const node = await ctx.db.$transaction(async (tx) => {
    if (await tx.telephonyNode.findUnique({ where: { hostname: input.hostname }, select: { id: true } })) {
      throw new ConflictError("A node with this hostname exists", "hostname");
    }
    const created = await tx.telephonyNode.create({
      data: { ...rest, eslPasswordEnc: seal(eslPassword), xmlCurlUser, xmlCurlSecretHash },
      select: PUBLIC_FIELDS,
    });
    await writeAudit(tx, ctx.actor, {
      action: "node.create",
      entityType: "TelephonyNode",
      entityId: created.id,
      after: created,
    });
    await recordChange(tx, nodeChange(`node ${created.hostname} created`));
    return created;
  });
  return { node, xmlCurlSecret };
}

export async function updateNode(ctx: PlatformContext, { id, eslPassword, ...changes }: UpdateNodeInput) {
  await resolveNodeHosts({ sipAddress: changes.sipAddress, eslHost: changes.eslHost });
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.telephonyNode.findUnique({ where: { id }, select: PUBLIC_FIELDS });
    if (!before) throw new NotFoundError("Node");
    const after = await tx.telephonyNode.update({
      where: { id },
      data: { ...changes, ...(eslPassword ? { eslPasswordEnc: seal(eslPassword) } : {}) },
      select: PUBLIC_FIELDS,
    });
    await writeAudit(tx, ctx.actor, {
      action: "node.update",
      entityType: "TelephonyNode",
      entityId: id,
      before,
      after,
    });
    await recordChange(tx, nodeChange(`node ${after.hostname} updated`));
    return after;
  });
}

/** Drain (no new calls, calls up finish), maintenance (same, for work on the box) or activate. */
export async function setNodeAdminState(
  ctx: PlatformContext,
  { id, adminState, drainDeadlineMinutes }: SetNodeAdminStateInput,
) {
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.telephonyNode.findUnique({ where: { id }, select: PUBLIC_FIELDS });
    if (!before) throw new NotFoundError("Node");
    const after = await tx.telephonyNode.update({
      where: { id },
      data: { adminState, ...(await drainWindow(tx, adminState, drainDeadlineMinutes)) },
      select: PUBLIC_FIELDS,
    });
    await writeAudit(tx, ctx.actor, {
      action: `node.${adminState.toLowerCase()}`,
      entityType: "TelephonyNode",
      entityId: id,
      before: { adminState: before.adminState },
      after: { adminState, ...(after.drainDeadlineAt ? { drainDeadlineAt: after.drainDeadlineAt } : {}) },
    });
    if (before.adminState !== adminState) {
      await recordWebhookEvent(tx, "node.admin-state-changed", null, {
        node: { id, hostname: after.hostname },
        adminState,
        previousAdminState: before.adminState,
      });
    }
    const revision = await recordChange(tx, {
      invalidate: { platform: true },
      push: { reason: `node ${after.hostname} → ${adminState}`, events: [{ topic: "kamailio.sync" }] },
    });
    return { node: after, revision };
  });
}

export async function deleteNode(ctx: PlatformContext, id: string) {
  await ctx.db.$transaction(async (tx) => {
    const before = await tx.telephonyNode.findUnique({ where: { id }, select: PUBLIC_FIELDS });
    if (!before) throw new NotFoundError("Node");
    const total = await tx.telephonyNode.count();
    // Kamailio with an empty dispatcher list rejects every call: keep at least one node.
    if (total <= 1) throw new ConflictError("The last node cannot be deleted");
    await tx.telephonyNode.delete({ where: { id } });
    await writeAudit(tx, ctx.actor, { action: "node.delete", entityType: "TelephonyNode", entityId: id, before });
    // Otherwise a deleted node keeps authenticating from the endpoint's cache.
    await recordChange(tx, nodeChange(`node ${before.hostname} deleted`));
  });
}
