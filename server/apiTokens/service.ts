import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import type { DbTx } from "@/server/db/client";
import { writeAudit } from "@/server/audit/writeAudit";
import { pageArgs, type Page } from "@/server/shared/pagination";
import type { Actor, PlatformContext, TenantContext } from "@/server/tenancy/context";
import { ConflictError, NotFoundError } from "@/server/tenancy/errors";
import type { CreateApiTokenInput, ListApiTokensInput } from "./schemas";
import { issueApiTokenSecret } from "./tokenSecret";

// The hash never leaves the service layer; the prefix is what people recognise a token by.
const apiTokenSelect = {
  id: true,
  name: true,
  prefix: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  createdAt: true,
  domain: { select: { id: true, name: true } },
  createdBy: { select: { email: true } },
} satisfies Prisma.ApiTokenSelect;

export type ApiTokenView = Prisma.ApiTokenGetPayload<{ select: typeof apiTokenSelect }>;

/** Returned once by create: the only time the plain token exists. */
export type CreatedApiToken = { apiToken: ApiTokenView; token: string };

const DAY_MS = 86_400_000;

function listWhere(input: ListApiTokensInput, scope: Prisma.ApiTokenWhereInput): Prisma.ApiTokenWhereInput {
  const now = new Date();
  return {
    ...scope,
    ...(input.search ? { name: { contains: input.search, mode: "insensitive" } } : {}),
    ...(input.includeInactive ? {} : { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] }),
  };
}

async function listTokens(
  ctx: { db: PlatformContext["db"] },
  input: ListApiTokensInput,
  where: Prisma.ApiTokenWhereInput,
): Promise<Page<ApiTokenView>> {
  const [items, total] = await Promise.all([
    ctx.db.apiToken.findMany({
      where,
      select: apiTokenSelect,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      ...pageArgs(input),
    }),
    ctx.db.apiToken.count({ where }),
  ]);
  return { items, total, page: input.page, pageSize: input.pageSize };
}

async function insertToken(
  tx: DbTx,
  actor: Actor,
  domainId: string | null,
  input: CreateApiTokenInput,
): Promise<CreatedApiToken> {
  const secret = issueApiTokenSecret();
  const apiToken = await tx.apiToken.create({
    data: {
      name: input.name,
      tokenHash: secret.tokenHash,
      prefix: secret.prefix,
      domainId,
      createdById: actor.userId,
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null,
    },
    select: apiTokenSelect,
  });
  await writeAudit(tx, actor, {
    domainId,
    action: "apiToken.create",
    entityType: "ApiToken",
    entityId: apiToken.id,
    after: {
      name: apiToken.name,
      prefix: apiToken.prefix,
      scope: domainId ? "domain" : "platform",
      expiresAt: apiToken.expiresAt,
    },
  });
  return { apiToken, token: secret.token };
}

async function markRevoked(tx: DbTx, actor: Actor, where: Prisma.ApiTokenWhereInput): Promise<ApiTokenView> {
  const token = await tx.apiToken.findFirst({ where, select: { ...apiTokenSelect, domainId: true } });
  if (!token) throw new NotFoundError("API token");
  if (token.revokedAt) throw new ConflictError("This token is already revoked");
  const revoked = await tx.apiToken.update({
    where: { id: token.id },
    data: { revokedAt: new Date() },
    select: apiTokenSelect,
  });
  await writeAudit(tx, actor, {
    domainId: token.domainId,
    action: "apiToken.revoke",
    entityType: "ApiToken",
    entityId: token.id,
    before: { name: token.name, prefix: token.prefix },
  });
  return revoked;
}

/** Platform view: every token, platform-wide and per tenant. */
export function listAllApiTokens(ctx: PlatformContext, input: ListApiTokensInput): Promise<Page<ApiTokenView>> {
  return listTokens(ctx, input, listWhere(input, {}));
}

export function createPlatformApiToken(ctx: PlatformContext, input: CreateApiTokenInput): Promise<CreatedApiToken> {
  return ctx.db.$transaction((tx) => insertToken(tx, ctx.actor, null, input));
}

/** Platform admins may revoke any token, e.g. one a tenant leaked. */
export function revokeAnyApiToken(ctx: PlatformContext, id: string): Promise<ApiTokenView> {
  return ctx.db.$transaction((tx) => markRevoked(tx, ctx.actor, { id }));
}

export function listDomainApiTokens(ctx: TenantContext, input: ListApiTokensInput): Promise<Page<ApiTokenView>> {
  return listTokens(ctx, input, listWhere(input, { domainId: ctx.domain.id }));
}

export function createDomainApiToken(ctx: TenantContext, input: CreateApiTokenInput): Promise<CreatedApiToken> {
  return ctx.db.$transaction((tx) => insertToken(tx, ctx.actor, ctx.domain.id, input));
}

export function revokeDomainApiToken(ctx: TenantContext, id: string): Promise<ApiTokenView> {
  return ctx.db.$transaction((tx) => markRevoked(tx, ctx.actor, { id, domainId: ctx.domain.id }));
}
