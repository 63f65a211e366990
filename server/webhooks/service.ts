import "server-only";
import { ZodRealError, type ZodError } from "zod";
import type { Prisma } from "@/server/db/generated/client";
import { writeAudit } from "@/server/audit/writeAudit";
import { seal } from "@/server/security/secretBox";
import { pageArgs, type Page } from "@/server/shared/pagination";
import type { Actor, PlatformContext, TenantContext } from "@/server/tenancy/context";
import { NotFoundError } from "@/server/tenancy/errors";
import { OUTBOX_CHANNEL } from "@/server/db/channels";
import type { Db, DbTx } from "@/server/db/client";
import { REDELIVER_TOPIC, WEBHOOK_EVENTS, webhookEventId, type WebhookEventType } from "./eventTypes";
import {
  createWebhookEndpointSchema,
  listWebhookDeliveriesSchema,
  updateWebhookEndpointSchema,
  type CreateWebhookEndpointInput,
  type ListWebhookDeliveriesInput,
  type UpdateWebhookEndpointInput,
} from "./schemas";
import { webhookSettings } from "./settings";
import { generateSigningSecret } from "./signature";
import { targetUrlProblem } from "./targetGuard";

/**
 * Whose endpoints a caller manages: a tenant's (`domainId`) or the platform's (null). Every
 * query below filters on it, so a tenant can neither see nor touch another owner's endpoint.
 */
type Scope = { db: Db; actor: Actor; domainId: string | null };

export const tenantWebhookScope = (ctx: TenantContext): Scope => ({
  db: ctx.db,
  actor: ctx.actor,
  domainId: ctx.domain.id,
});
export const platformWebhookScope = (ctx: PlatformContext): Scope => ({ db: ctx.db, actor: ctx.actor, domainId: null });

// The signing secret is shown once (create, rotate); never selected otherwise.
const endpointSelect = {
  id: true,
  domainId: true,
  url: true,
  description: true,
  events: true,
  enabled: true,
  disabledAt: true,
  disabledReason: true,
  consecutiveFailures: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.WebhookEndpointSelect;

export type WebhookEndpointView = Prisma.WebhookEndpointGetPayload<{ select: typeof endpointSelect }>;
export type WebhookEndpointWithSecret = { endpoint: WebhookEndpointView; secret: string };

function assertAllowed(scope: Scope, fields: { url?: string; events?: WebhookEventType[] }) {
  const issues: ZodError["issues"] = [];
  if (fields.url !== undefined) {
    const problem = targetUrlProblem(fields.url, webhookSettings().allowPrivateTargets);
    if (problem) issues.push({ code: "custom", path: ["url"], message: problem, input: fields.url });
  }
  const platformOnly = (fields.events ?? []).filter((e) => WEBHOOK_EVENTS[e] !== "tenant");
  if (scope.domainId !== null && platformOnly.length > 0) {
    issues.push({
      code: "custom",
      path: ["events"],
      message: `Only platform webhooks receive ${platformOnly.join(", ")}`,
      input: fields.events,
    });
  }
  if (issues.length > 0) throw new ZodRealError(issues);
}

async function findOwned(db: Db | DbTx, scope: Scope, id: string) {
  const endpoint = await db.webhookEndpoint.findFirst({
    where: { id, domainId: scope.domainId },
    select: endpointSelect,
  });
  if (!endpoint) throw new NotFoundError("Webhook");
  return endpoint;
}

export function listWebhookEndpoints(scope: Scope): Promise<WebhookEndpointView[]> {
  return scope.db.webhookEndpoint.findMany({
    where: { domainId: scope.domainId },
    select: endpointSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

export function getWebhookEndpoint(scope: Scope, id: string): Promise<WebhookEndpointView> {
  return findOwned(scope.db, scope, id);
}

export async function createWebhookEndpoint(
  scope: Scope,
  raw: CreateWebhookEndpointInput,
): Promise<WebhookEndpointWithSecret> {
  const input = createWebhookEndpointSchema.parse(raw);
  assertAllowed(scope, input);
  const secret = generateSigningSecret();
  return scope.db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.create({
      data: { ...input, domainId: scope.domainId, secretEnc: seal(secret) },
      select: endpointSelect,
    });
    await writeAudit(tx, scope.actor, {
      domainId: scope.domainId,
      action: "webhook.create",
      entityType: "WebhookEndpoint",
      entityId: endpoint.id,
      after: input,
    });
    return { endpoint, secret };
  });
}

export async function updateWebhookEndpoint(
  scope: Scope,
  raw: UpdateWebhookEndpointInput,
): Promise<WebhookEndpointView> {
  const { id, enabled, ...fields } = updateWebhookEndpointSchema.parse(raw);
  assertAllowed(scope, fields);
  return scope.db.$transaction(async (tx) => {
    const before = await findOwned(tx, scope, id);
    const reenabled = enabled === true && !before.enabled;
    const endpoint = await tx.webhookEndpoint.update({
      where: { id },
      data: {
        ...fields,
        ...(enabled === undefined ? {} : { enabled }),
        ...(reenabled ? { disabledAt: null, disabledReason: null, consecutiveFailures: 0 } : {}),
      },
      select: endpointSelect,
    });
    // The deliveries that waited while it was off go out now (through the relay, like any event).
    if (reenabled) {
      await tx.outboxEvent.create({ data: { topic: REDELIVER_TOPIC, payload: { endpointId: id } } });
      await tx.$executeRaw`SELECT pg_notify(${OUTBOX_CHANNEL}, 'webhook')`;
    }
    await writeAudit(tx, scope.actor, {
      domainId: scope.domainId,
      action: "webhook.update",
      entityType: "WebhookEndpoint",
      entityId: id,
      before,
      after: { ...fields, ...(enabled === undefined ? {} : { enabled }) },
    });
    return endpoint;
  });
}

/** A new signing secret, in force for the next attempt (shown once). */
export async function rotateWebhookSecret(scope: Scope, id: string): Promise<WebhookEndpointWithSecret> {
  const secret = generateSigningSecret();
  return scope.db.$transaction(async (tx) => {
    await findOwned(tx, scope, id);
    const endpoint = await tx.webhookEndpoint.update({
      where: { id },
      data: { secretEnc: seal(secret) },
      select: endpointSelect,
    });
    await writeAudit(tx, scope.actor, {
      domainId: scope.domainId,
      action: "webhook.rotate-secret",
      entityType: "WebhookEndpoint",
      entityId: id,
    });
    return { endpoint, secret };
  });
}

export async function deleteWebhookEndpoint(scope: Scope, id: string): Promise<void> {
  await scope.db.$transaction(async (tx) => {
    const before = await findOwned(tx, scope, id);
    await tx.webhookEndpoint.delete({ where: { id } });
    await writeAudit(tx, scope.actor, {
      domainId: scope.domainId,
      action: "webhook.delete",
      entityType: "WebhookEndpoint",
      entityId: id,
      before,
    });
  });
}

const deliverySelect = {
  id: true,
  outboxEventId: true,
  eventType: true,
  status: true,
  attempts: true,
  lastStatusCode: true,
  lastError: true,
  lastAttemptAt: true,
  nextAttemptAt: true,
  deliveredAt: true,
  createdAt: true,
  attemptLog: {
    select: { id: true, at: true, statusCode: true, error: true, durationMs: true },
    orderBy: { id: "desc" },
    take: 10,
  },
} satisfies Prisma.WebhookDeliverySelect;

export type WebhookDeliveryView = Omit<
  Prisma.WebhookDeliveryGetPayload<{ select: typeof deliverySelect }>,
  "outboxEventId"
> & { eventId: string };

/** The endpoint's delivery log, newest first, with each delivery's latest attempts and their response codes. */
export async function listWebhookDeliveries(
  scope: Scope,
  raw: ListWebhookDeliveriesInput,
): Promise<Page<WebhookDeliveryView>> {
  const input = listWebhookDeliveriesSchema.parse(raw);
  await findOwned(scope.db, scope, input.id);
  const where: Prisma.WebhookDeliveryWhereInput = { endpointId: input.id, status: input.status };
  const [rows, total] = await Promise.all([
    scope.db.webhookDelivery.findMany({ where, select: deliverySelect, orderBy: { id: "desc" }, ...pageArgs(input) }),
    scope.db.webhookDelivery.count({ where }),
  ]);
  const items = rows.map(({ outboxEventId, ...d }) => ({ ...d, eventId: webhookEventId(outboxEventId) }));
  return { items, total, page: input.page, pageSize: input.pageSize };
}
