import "server-only";
import { writeAudit } from "@/server/audit/writeAudit";
import { EslError, eslApi } from "@/server/cluster/esl/eslClient";
import type { Db } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { open } from "@/server/security/secretBox";
import { pageArgs, type Page } from "@/server/shared/pagination";
import type { PlatformContext, TenantContext } from "@/server/tenancy/context";
import { ConflictError, NotFoundError } from "@/server/tenancy/errors";
import type { ListLiveCallsInput, ListRegistrationsInput } from "./schemas";

const registrationSelect = {
  id: true,
  user: true,
  realm: true,
  contact: true,
  userAgent: true,
  networkIp: true,
  networkPort: true,
  expiresAt: true,
  updatedAt: true,
  node: { select: { id: true, hostname: true } },
  domain: { select: { id: true, name: true, displayName: true } },
} satisfies Prisma.RegistrationSelect;

export type RegistrationView = Omit<Prisma.RegistrationGetPayload<{ select: typeof registrationSelect }>, "id"> & {
  id: string;
};

/**
 * Who may see which rows: a tenant only its own domain's, the platform everything (optionally
 * filtered). Tagged, so a tenant scope cannot lose its domain to an omitted argument.
 */
type Scope = { tenantDomainId: string } | { platform: { domainId?: string; nodeId?: string } };

function filtersOf(scope: Scope): { domainId?: string; nodeId?: string } {
  return "tenantDomainId" in scope ? { domainId: scope.tenantDomainId } : scope.platform;
}

async function registrationPage(db: Db, scope: Scope, input: ListRegistrationsInput): Promise<Page<RegistrationView>> {
  const search = input.search;
  const { domainId, nodeId } = filtersOf(scope);
  const where: Prisma.RegistrationWhereInput = {
    ...(domainId ? { domainId } : {}),
    ...(nodeId ? { nodeId } : {}),
    ...(search
      ? {
          OR: [
            { user: { startsWith: search } },
            { userAgent: { contains: search, mode: "insensitive" } },
            { contact: { contains: search } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.registration.findMany({
      where,
      select: registrationSelect,
      orderBy: [{ user: "asc" }, { contact: "asc" }],
      ...pageArgs(input),
    }),
    db.registration.count({ where }),
  ]);
  return { items: rows.map((r) => ({ ...r, id: r.id.toString() })), total, page: input.page, pageSize: input.pageSize };
}

export function listTenantRegistrations(ctx: TenantContext, input: ListRegistrationsInput) {
  return registrationPage(ctx.db, { tenantDomainId: ctx.domain.id }, input);
}

export function listPlatformRegistrations(ctx: PlatformContext, input: ListRegistrationsInput) {
  return registrationPage(ctx.db, { platform: { domainId: input.domainId, nodeId: input.nodeId } }, input);
}

export type LiveCallView = {
  uuid: string;
  callUuid: string;
  direction: string;
  callerNumber: string;
  callerName: string;
  destinationNumber: string;
  state: string;
  createdAt: Date;
  answeredAt: Date | null;
  /** How many legs of this call are up in the caller's view. */
  legs: number;
  node: { id: string; hostname: string };
  domain: { id: string; name: string } | null;
};

type LiveCallRow = Omit<LiveCallView, "node" | "domain" | "legs"> & {
  legs: bigint;
  nodeId: string;
  hostname: string;
  domainId: string | null;
  domainName: string | null;
};

/**
 * One row per call: the legs in scope grouped by call uuid, shown by the a-leg when it is in
 * scope (else the earliest leg). Only legs in scope are read, so a tenant never sees — and can
 * never hang up — a leg of another tenant.
 */
async function liveCallPage(db: Db, scope: Scope, input: ListLiveCallsInput): Promise<Page<LiveCallView>> {
  const { domainId, nodeId } = filtersOf(scope);
  const conditions = [
    domainId ? Prisma.sql`c.domain_id = ${domainId}` : Prisma.sql`TRUE`,
    nodeId ? Prisma.sql`c.node_id = ${nodeId}` : Prisma.sql`TRUE`,
    input.search
      ? Prisma.sql`(c.caller_number LIKE ${`${input.search}%`} OR c.destination_number LIKE ${`${input.search}%`}
          OR c.caller_name ILIKE ${`%${input.search}%`})`
      : Prisma.sql`TRUE`,
  ];
  const where = Prisma.join(conditions, " AND ");
  const { skip, take } = pageArgs(input);
  const [rows, counted] = await Promise.all([
    db.$queryRaw<LiveCallRow[]>`
      SELECT x.*, n.hostname, d.name AS "domainName" FROM (
        SELECT DISTINCT ON (c.call_uuid)
          c.uuid, c.call_uuid AS "callUuid", c.direction, c.caller_number AS "callerNumber",
          c.caller_name AS "callerName", c.destination_number AS "destinationNumber", c.state,
          c.created_at AS "createdAt", c.answered_at AS "answeredAt", c.node_id AS "nodeId",
          c.domain_id AS "domainId", count(*) OVER (PARTITION BY c.call_uuid) AS legs
        FROM live_channel c WHERE ${where}
        ORDER BY c.call_uuid, (c.uuid = c.call_uuid) DESC, c.created_at
      ) x
      JOIN "TelephonyNode" n ON n.id = x."nodeId"
      LEFT JOIN "Domain" d ON d.id = x."domainId"
      ORDER BY x."createdAt" DESC, x.uuid
      LIMIT ${take} OFFSET ${skip}`,
    db.$queryRaw<{ total: bigint }[]>`SELECT count(DISTINCT c.call_uuid) AS total FROM live_channel c WHERE ${where}`,
  ]);
  return {
    items: rows.map(({ nodeId, hostname, domainId, domainName, legs, ...r }) => ({
      ...r,
      legs: Number(legs),
      node: { id: nodeId, hostname },
      domain: domainId && domainName ? { id: domainId, name: domainName } : null,
    })),
    total: Number(counted[0]?.total ?? 0),
    page: input.page,
    pageSize: input.pageSize,
  };
}

export function listTenantLiveCalls(ctx: TenantContext, input: ListLiveCallsInput) {
  return liveCallPage(ctx.db, { tenantDomainId: ctx.domain.id }, input);
}

export function listPlatformLiveCalls(ctx: PlatformContext, input: ListLiveCallsInput) {
  return liveCallPage(ctx.db, { platform: { domainId: input.domainId, nodeId: input.nodeId } }, input);
}

export type HangupResult = { uuid: string; result: "hung-up" | "already-ended" };

/**
 * `uuid_kill` over a short ESL connection to the channel's node. The channel is looked up in the
 * caller's scope first: a uuid outside it is "not found", exactly like one that never existed.
 */
async function hangup(
  db: Db,
  actor: TenantContext["actor"],
  scope: Scope,
  uuid: string,
  auditDomainId: string | null,
): Promise<HangupResult> {
  const { domainId } = filtersOf(scope);
  const channel = await db.liveChannel.findFirst({
    where: { uuid, ...(domainId ? { domainId } : {}) },
    select: {
      uuid: true,
      domainId: true,
      callerNumber: true,
      destinationNumber: true,
      node: { select: { id: true, hostname: true, eslHost: true, eslPort: true, eslPasswordEnc: true } },
    },
  });
  if (!channel) throw new NotFoundError("Call");
  const { node } = channel;
  let result: HangupResult["result"] = "hung-up";
  try {
    await eslApi({ host: node.eslHost, port: node.eslPort, password: open(node.eslPasswordEnc) }, [
      `uuid_kill ${uuid}`,
    ]);
  } catch (e) {
    if (!(e instanceof EslError)) throw e;
    if (!/No such channel/i.test(e.message)) {
      throw new ConflictError(`Node ${node.hostname} did not hang up the call: ${e.message}`);
    }
    result = "already-ended";
  }
  await db.$transaction(async (tx) => {
    // The node's CHANNEL_HANGUP_COMPLETE removes it too; this keeps the page from showing a dead call meanwhile.
    await tx.liveChannel.deleteMany({ where: { uuid, nodeId: node.id } });
    if (result === "hung-up") {
      await writeAudit(tx, actor, {
        domainId: auditDomainId ?? channel.domainId,
        action: "call.hangup",
        entityType: "LiveChannel",
        entityId: uuid,
        before: {
          callerNumber: channel.callerNumber,
          destinationNumber: channel.destinationNumber,
          node: node.hostname,
        },
      });
    }
  });
  return { uuid, result };
}

export function hangupTenantCall(ctx: TenantContext, uuid: string) {
  return hangup(ctx.db, ctx.actor, { tenantDomainId: ctx.domain.id }, uuid, ctx.domain.id);
}

export function hangupPlatformCall(ctx: PlatformContext, uuid: string) {
  return hangup(ctx.db, ctx.actor, { platform: {} }, uuid, null);
}
