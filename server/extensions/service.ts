import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import type { Db, DbTx } from "@/server/db/client";
import { redact, writeAudit } from "@/server/audit/writeAudit";
import { reflectExtensionInQueues } from "@/server/callQueues/service";
import { recordChange } from "@/server/cluster/recordChange";
import type { FeatureToggle } from "@/server/dialplan/featureCodes";
import { seal } from "@/server/security/secretBox";
import { recordWebhookEvent } from "@/server/webhooks/recordWebhookEvent";
import type { WebhookEventType } from "@/server/webhooks/eventTypes";
import { generatePin, generateSipPassword, sipA1Hash } from "@/server/security/sipCredentials";
import { assertNumberFree } from "@/server/shared/assertNumberFree";
import { findDestinationReferences } from "@/server/shared/destinationQueries";
import { pageArgs, type Page } from "@/server/shared/pagination";
import { phoneActor, type TenantContext } from "@/server/tenancy/context";
import { lockDomain } from "@/server/tenancy/lockDomain";
import { ConflictError, ForbiddenError, LimitError, NotFoundError } from "@/server/tenancy/errors";
import type {
  CreateExtensionInput,
  ListExtensionsInput,
  UpdateExtensionInput,
  UpdateOwnExtensionInput,
} from "./schemas";

// Secrets (a1-hash, sealed PIN) never leave the service layer.
export const extensionSelect = {
  id: true,
  number: true,
  displayName: true,
  agentStatus: true,
  voicemailEnabled: true,
  voicemailEmail: true,
  internalCallerIdName: true,
  internalCallerIdNumber: true,
  externalCallerIdName: true,
  externalCallerIdNumber: true,
  forwardAlwaysEnabled: true,
  forwardAlwaysTarget: true,
  forwardBusyEnabled: true,
  forwardBusyTarget: true,
  forwardNoAnswerEnabled: true,
  forwardNoAnswerTarget: true,
  noAnswerTimeout: true,
  dnd: true,
  maxCalls: true,
  codecs: true,
  recordCalls: true,
  tollAllow: true,
  cidr: true,
  enabled: true,
  sipPasswordChangedAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ExtensionSelect;

export type ExtensionView = Prisma.ExtensionGetPayload<{ select: typeof extensionSelect }>;

/** Returned once by create and reset: the only time the plain secrets exist. */
export type ExtensionWithSecrets = { extension: ExtensionView; sipPassword: string; voicemailPin?: string };

export async function listExtensions(ctx: TenantContext, input: ListExtensionsInput): Promise<Page<ExtensionView>> {
  const where: Prisma.ExtensionWhereInput = {
    domainId: ctx.domain.id,
    enabled: input.enabled,
    ...(input.search
      ? {
          OR: [
            { number: { startsWith: input.search } },
            { displayName: { contains: input.search, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [items, total] = await Promise.all([
    ctx.db.extension.findMany({
      where,
      select: extensionSelect,
      orderBy: [{ [input.sort]: input.direction }, { id: "asc" }],
      ...pageArgs(input),
    }),
    ctx.db.extension.count({ where }),
  ]);
  return { items, total, page: input.page, pageSize: input.pageSize };
}

export async function getExtension(ctx: TenantContext, id: string): Promise<ExtensionView> {
  const ext = await ctx.db.extension.findFirst({ where: { id, domainId: ctx.domain.id }, select: extensionSelect });
  if (!ext) throw new NotFoundError("Extension");
  return ext;
}

/** Flushes the users from FreeSWITCH caches (cluster push) and our own answer caches. */
export async function publishUserChange(tx: DbTx, domainName: string, numbers: string[], reason: string) {
  await recordChange(tx, {
    invalidate: { domain: domainName },
    push: { reason, events: [{ topic: "freeswitch.flush-user", domain: domainName, users: numbers }] },
  });
}

/** The webhook event of an extension change (the extension as its admins see it, no secrets). */
function extensionEvent(tx: DbTx, ctx: TenantContext, type: WebhookEventType, extension: ExtensionView) {
  return recordWebhookEvent(tx, type, ctx.domain.id, { domain: ctx.domain.name, extension: redact(extension) });
}

export async function createExtension(ctx: TenantContext, input: CreateExtensionInput): Promise<ExtensionWithSecrets> {
  const { sipPassword: chosen, voicemailPin: chosenPin, ...fields } = input;
  const sipPassword = chosen ?? generateSipPassword();
  const voicemailPin = chosenPin ?? (fields.voicemailEnabled === false ? undefined : generatePin());
  return ctx.db.$transaction(async (tx) => {
    // Serialises creates into one domain, so the limit check below holds.
    await lockDomain(tx, ctx.domain.id);
    const domain = await tx.domain.findUniqueOrThrow({ where: { id: ctx.domain.id }, select: { maxExtensions: true } });
    const count = await tx.extension.count({ where: { domainId: ctx.domain.id } });
    if (count >= domain.maxExtensions) {
      throw new LimitError(`This domain is limited to ${domain.maxExtensions} extensions`);
    }
    await assertNumberFree(tx, ctx.domain.id, fields.number);
    const extension = await tx.extension.create({
      data: {
        ...fields,
        domainId: ctx.domain.id,
        sipA1Hash: sipA1Hash(fields.number, ctx.domain.name, sipPassword),
        voicemailPinEnc: voicemailPin ? seal(voicemailPin) : null,
      },
      select: extensionSelect,
    });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "extension.create",
      entityType: "Extension",
      entityId: extension.id,
      after: fields,
    });
    await extensionEvent(tx, ctx, "extension.created", extension);
    await publishUserChange(
      tx,
      ctx.domain.name,
      [extension.number],
      `extension ${extension.number}@${ctx.domain.name} created`,
    );
    return { extension, sipPassword, voicemailPin };
  });
}

export async function updateExtension(ctx: TenantContext, input: UpdateExtensionInput): Promise<ExtensionView> {
  const { id, voicemailPin, ...fields } = input;
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.extension.findFirst({ where: { id, domainId: ctx.domain.id }, select: extensionSelect });
    if (!before) throw new NotFoundError("Extension");
    if (fields.enabled !== undefined && fields.enabled !== before.enabled)
      await reflectExtensionInQueues(tx, ctx.domain, before, fields.enabled ? "enabled" : "disabled");
    const extension = await tx.extension.update({
      where: { id },
      data: { ...fields, ...(voicemailPin ? { voicemailPinEnc: seal(voicemailPin) } : {}) },
      select: extensionSelect,
    });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "extension.update",
      entityType: "Extension",
      entityId: id,
      before,
      after: { ...fields, ...(voicemailPin ? { voicemailPin } : {}) },
    });
    await extensionEvent(tx, ctx, "extension.updated", extension);
    await publishUserChange(
      tx,
      ctx.domain.name,
      [before.number],
      `extension ${before.number}@${ctx.domain.name} updated`,
    );
    return extension;
  });
}

export async function resetSipPassword(ctx: TenantContext, id: string, chosen?: string): Promise<ExtensionWithSecrets> {
  const sipPassword = chosen ?? generateSipPassword();
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.extension.findFirst({ where: { id, domainId: ctx.domain.id }, select: { number: true } });
    if (!before) throw new NotFoundError("Extension");
    const extension = await tx.extension.update({
      where: { id },
      data: { sipA1Hash: sipA1Hash(before.number, ctx.domain.name, sipPassword), sipPasswordChangedAt: new Date() },
      select: extensionSelect,
    });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "extension.reset-sip-password",
      entityType: "Extension",
      entityId: id,
    });
    await extensionEvent(tx, ctx, "extension.updated", extension);
    await publishUserChange(
      tx,
      ctx.domain.name,
      [before.number],
      `extension ${before.number}@${ctx.domain.name} password reset`,
    );
    return { extension, sipPassword };
  });
}

export async function deleteExtension(ctx: TenantContext, id: string): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const before = await tx.extension.findFirst({ where: { id, domainId: ctx.domain.id }, select: extensionSelect });
    if (!before) throw new NotFoundError("Extension");
    // A DID or menu still pointing here would send callers to a number that no longer exists.
    const refs = [
      ...(await findDestinationReferences(tx, ctx.domain.id, "EXTENSION", before.number)),
      ...(await findDestinationReferences(tx, ctx.domain.id, "VOICEMAIL", before.number)),
    ];
    if (refs.length > 0) throw new ConflictError(`Still in use by ${refs.join(", ")}`);
    await reflectExtensionInQueues(tx, ctx.domain, before, "deleted");
    await tx.extension.delete({ where: { id } });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "extension.delete",
      entityType: "Extension",
      entityId: id,
      before,
    });
    await extensionEvent(tx, ctx, "extension.deleted", before);
    await publishUserChange(
      tx,
      ctx.domain.name,
      [before.number],
      `extension ${before.number}@${ctx.domain.name} deleted`,
    );
  });
}

/** The end user's own extension (TENANT_USER). Admins use getExtension. */
function ownExtensionId(ctx: TenantContext): string {
  if (!ctx.extensionId) throw new ForbiddenError("Your account has no extension");
  return ctx.extensionId;
}

export function getOwnExtension(ctx: TenantContext): Promise<ExtensionView> {
  return getExtension(ctx, ownExtensionId(ctx));
}

export function updateOwnExtension(ctx: TenantContext, input: UpdateOwnExtensionInput): Promise<ExtensionView> {
  return updateExtension(ctx, { id: ownExtensionId(ctx), ...input });
}

/**
 * A feature code dialled from a phone changes that phone's extension. It runs when
 * FreeSWITCH asks the dialplan for the code, so no callback from FreeSWITCH is needed;
 * both toggles are idempotent, so a repeated request changes nothing more.
 */
export async function applyFeatureToggle(
  db: Db,
  target: { domainId: string; domainName: string; extension: string },
  change: FeatureToggle,
): Promise<void> {
  const data =
    change.field === "dnd"
      ? { dnd: change.enabled }
      : { forwardAlwaysEnabled: change.enabled, forwardAlwaysTarget: change.target };
  await db.$transaction(async (tx) => {
    const where = { domainId_number: { domainId: target.domainId, number: target.extension } };
    const before = await tx.extension.findUnique({
      where,
      select: { id: true, dnd: true, forwardAlwaysEnabled: true, forwardAlwaysTarget: true },
    });
    if (!before) return;
    await tx.extension.update({ where, data });
    const actor = phoneActor(target.extension, target.domainName);
    await writeAudit(tx, actor, {
      domainId: target.domainId,
      action: change.field === "dnd" ? "extension.dnd" : "extension.forward-always",
      entityType: "Extension",
      entityId: before.id,
      before: {
        dnd: before.dnd,
        forwardAlwaysEnabled: before.forwardAlwaysEnabled,
        forwardAlwaysTarget: before.forwardAlwaysTarget,
      },
      after: data,
    });
    // The directory answer carries DND/forward variables that FreeSWITCH may have cached.
    await publishUserChange(
      tx,
      target.domainName,
      [target.extension],
      `feature code on ${target.extension}@${target.domainName}`,
    );
  });
}
