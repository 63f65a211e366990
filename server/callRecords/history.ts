import { Prisma } from "@/server/db/generated/client";
import type { CallDirection, CallDisposition } from "@/server/db/generated/enums";
import type { Db } from "@/server/db/client";
import type { PlatformContext, TenantContext } from "@/server/tenancy/context";
import { ForbiddenError, NotFoundError } from "@/server/tenancy/errors";
import { describeHangupCause } from "./hangupCauses";
import type { CallFilters, ListCallsInput, ListPlatformCallsInput, PlatformCallFilters } from "./historySchemas";

/**
 * Whose records a search may touch. Built only from a TenantContext (the tRPC middleware
 * checked the membership) or a PlatformContext; every tenant query filters on its domainId.
 */
export type CallScope =
  | {
      kind: "tenant";
      domainId: string;
      /** TENANT_USER: only calls this extension took part in. */ ownExtension: string | null;
    }
  | { kind: "platform"; domainId: string | null; unattributed: boolean };

export type CallRow = {
  id: bigint;
  /** The a-leg uuid: names the call in URLs and the detail. */
  callId: string;
  domainId: string | null;
  tenant: string | null;
  node: string | null;
  direction: CallDirection;
  disposition: CallDisposition;
  hangupCause: string;
  hangupText: string;
  callerNumber: string;
  callerName: string;
  destinationNumber: string;
  extension: string | null;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date;
  durationSec: number;
  billSec: number;
};

export type CallPage = { items: CallRow[]; nextCursor: string | null };

export type CallLeg = CallRow & { leg: string; legUuid: string; variables: unknown };
export type CallDetail = { call: CallRow; legs: CallLeg[] };

type RawRow = Omit<CallRow, "hangupText"> & { cursorTime: string; node_id: string | null };

const DAY_MS = 86_400_000;

/** The user's extension number, or Forbidden: an end user without a phone has no calls to see. */
export async function tenantCallScope(ctx: TenantContext): Promise<CallScope> {
  if (ctx.role !== "TENANT_USER") return { kind: "tenant", domainId: ctx.domain.id, ownExtension: null };
  const own = ctx.extensionId
    ? await ctx.db.extension.findFirst({
        where: { id: ctx.extensionId, domainId: ctx.domain.id },
        select: { number: true },
      })
    : null;
  if (!own) throw new ForbiddenError("Your account has no extension");
  return { kind: "tenant", domainId: ctx.domain.id, ownExtension: own.number };
}

export function platformCallScope(filters: Pick<PlatformCallFilters, "domainId" | "unattributed">): CallScope {
  return { kind: "platform", domainId: filters.domainId ?? null, unattributed: filters.unattributed ?? false };
}

// The column is TIMESTAMP(3) holding UTC; an ISO string cast to timestamp keeps the wall time.
const utc = (d: Date) => Prisma.sql`${d.toISOString()}::timestamp`;

function bounds(filters: CallFilters): { from: Date | null; to: Date | null } {
  const day = (v: string) => /^\d{4}-\d\d-\d\d$/.test(v);
  const from = filters.from ? new Date(day(filters.from) ? `${filters.from}T00:00:00Z` : filters.from) : null;
  // A day picked as "to" includes that whole day.
  const to = filters.to
    ? day(filters.to)
      ? new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + DAY_MS)
      : new Date(filters.to)
    : null;
  return { from, to };
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, "\\$&");

/**
 * Digits match the start of the caller or dialled number, with or without a leading +, so
 * (domain_id, number text_pattern_ops) indexes serve it; other text matches inside the caller's
 * name, bounded by the domain's own rows.
 */
function searchSql(search: string): Prisma.Sql {
  // "+1 (212) 555-1234" is a number as people write it.
  const compact = search.replace(/[\s().-]/g, "");
  if (/^\+?[0-9*#]+$/.test(compact)) {
    const digits = likeEscape(compact.replace(/^\+/, ""));
    const plain = `${digits}%`;
    const plus = `+${digits}%`;
    return Prisma.sql`(r.caller_number LIKE ${plain} OR r.caller_number LIKE ${plus}
      OR r.destination_number LIKE ${plain} OR r.destination_number LIKE ${plus})`;
  }
  return Prisma.sql`r.caller_name ILIKE ${`%${likeEscape(search)}%`}`;
}

/**
 * Calls an extension took part in on any leg: caller, dialled, or the tenant's extension of a
 * leg (an inbound DID call names the extension only there, a ring-group member only on its b-leg).
 * Each arm is an equality on a (domain_id, column, started_at) index.
 */
function involvesExtensionSql(domainId: string, extension: string, from: Date | null): Prisma.Sql {
  // b-legs start after their a-leg, so the lower bound holds for every leg of a call in range.
  const since = from ? Prisma.sql`AND l.started_at >= ${utc(from)}` : Prisma.empty;
  return Prisma.sql`r.a_leg_uuid IN (
    SELECT l.a_leg_uuid FROM call_record l
    WHERE l.domain_id = ${domainId} ${since}
      AND (l.extension = ${extension} OR l.caller_number = ${extension} OR l.destination_number = ${extension}))`;
}

function scopeSql(scope: CallScope): Prisma.Sql {
  if (scope.kind === "tenant") return Prisma.sql`r.domain_id = ${scope.domainId}`;
  if (scope.unattributed) return Prisma.sql`r.domain_id IS NULL`;
  if (scope.domainId) return Prisma.sql`r.domain_id = ${scope.domainId}`;
  return Prisma.sql`TRUE`;
}

function conditions(scope: CallScope, filters: CallFilters, cursor: string | undefined): Prisma.Sql {
  const { from, to } = bounds(filters);
  const parts: Prisma.Sql[] = [scopeSql(scope), Prisma.sql`r.leg = 'a'`];
  if (from) parts.push(Prisma.sql`r.started_at >= ${utc(from)}`);
  if (to) parts.push(Prisma.sql`r.started_at < ${utc(to)}`);
  if (filters.direction) parts.push(Prisma.sql`r.direction = ${filters.direction}::"CallDirection"`);
  if (filters.disposition) parts.push(Prisma.sql`r.disposition = ${filters.disposition}::"CallDisposition"`);
  if (filters.search) parts.push(searchSql(filters.search));
  if (scope.kind === "tenant" && scope.ownExtension)
    parts.push(involvesExtensionSql(scope.domainId, scope.ownExtension, from));
  if (filters.extension) {
    // Across all tenants an extension number means nothing; the platform filter needs a tenant.
    parts.push(
      scope.domainId
        ? involvesExtensionSql(scope.domainId, filters.extension, from)
        : Prisma.sql`r.extension = ${filters.extension}`,
    );
  }
  if (cursor) {
    const [time, id] = cursor.split("~") as [string, string];
    // Split so started_at alone is an index condition; the id only breaks ties within one instant.
    parts.push(
      Prisma.sql`r.started_at <= ${time}::timestamp AND (r.started_at < ${time}::timestamp OR r.id < ${BigInt(id)})`,
    );
  }
  return Prisma.join(parts, " AND ");
}

const COLUMNS = Prisma.sql`r.id, r.a_leg_uuid AS "callId", r.domain_id AS "domainId",
  r.direction::text AS direction, r.disposition::text AS disposition, r.hangup_cause AS "hangupCause",
  r.caller_number AS "callerNumber", r.caller_name AS "callerName", r.destination_number AS "destinationNumber",
  r.extension, r.started_at AS "startedAt", r.answered_at AS "answeredAt", r.ended_at AS "endedAt",
  r.duration_sec AS "durationSec", r.bill_sec AS "billSec", r.node_id`;

// The page is cut first, then the few rows get their tenant and node names.
async function pageOfCalls(db: Db, where: Prisma.Sql, limit: number): Promise<RawRow[]> {
  return db.$queryRaw<RawRow[]>`
    SELECT p.*, d.name AS tenant, n.hostname AS node,
           to_char(p."startedAt", 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorTime"
    FROM (SELECT ${COLUMNS} FROM call_record r WHERE ${where}
          ORDER BY r.started_at DESC, r.id DESC LIMIT ${limit}) p
    LEFT JOIN "Domain" d ON d.id = p."domainId"
    LEFT JOIN "TelephonyNode" n ON n.id = p.node_id
    ORDER BY p."startedAt" DESC, p.id DESC`;
}

function toRow({ cursorTime: _cursor, node_id: _node, ...raw }: RawRow): CallRow {
  return { ...raw, hangupText: describeHangupCause(raw.hangupCause) };
}

/** Newest first, one a-leg per call, keyset-paged: page 10,000 costs what page 1 costs. */
export async function searchCalls(
  db: Db,
  scope: CallScope,
  filters: CallFilters,
  page: { cursor?: string; pageSize: number },
): Promise<CallPage> {
  const rows = await pageOfCalls(db, conditions(scope, filters, page.cursor), page.pageSize + 1);
  const more = rows.length > page.pageSize;
  const items = more ? rows.slice(0, page.pageSize) : rows;
  const last = items[items.length - 1];
  return {
    items: items.map(toRow),
    nextCursor: more && last ? `${last.cursorTime}~${last.id.toString()}` : null,
  };
}

export async function listTenantCalls(ctx: TenantContext, input: ListCallsInput): Promise<CallPage> {
  return searchCalls(ctx.db, await tenantCallScope(ctx), input, input);
}

export function listPlatformCalls(ctx: PlatformContext, input: ListPlatformCallsInput): Promise<CallPage> {
  return searchCalls(ctx.db, platformCallScope(input), input, input);
}

async function callDetail(db: Db, scope: CallScope, callId: string): Promise<CallDetail> {
  const rows = await db.$queryRaw<(RawRow & { leg: string; legUuid: string; variables: unknown })[]>`
    SELECT p.*, d.name AS tenant, n.hostname AS node, '' AS "cursorTime"
    FROM (SELECT ${COLUMNS}, r.leg, r.call_uuid AS "legUuid", r.variables
          FROM call_record r WHERE r.a_leg_uuid = ${callId} AND ${scopeSql(scope)}) p
    LEFT JOIN "Domain" d ON d.id = p."domainId"
    LEFT JOIN "TelephonyNode" n ON n.id = p.node_id
    ORDER BY p.leg, p."startedAt"`;
  const ownExtension = scope.kind === "tenant" ? scope.ownExtension : null;
  const visible =
    rows.length > 0 &&
    (!ownExtension || rows.some((r) => [r.extension, r.callerNumber, r.destinationNumber].includes(ownExtension)));
  // Someone else's call reads exactly like a call that does not exist.
  if (!visible) throw new NotFoundError("Call not found");
  const legs = rows.map((r) => ({ ...toRow(r), leg: r.leg, legUuid: r.legUuid, variables: r.variables }));
  return { call: legs.find((l) => l.leg === "a") ?? legs[0]!, legs };
}

/** Both legs of one call with their hangup causes in words. */
export async function getTenantCall(ctx: TenantContext, callId: string): Promise<CallDetail> {
  return callDetail(ctx.db, await tenantCallScope(ctx), callId);
}

export function getPlatformCall(ctx: PlatformContext, callId: string): Promise<CallDetail> {
  return callDetail(ctx.db, platformCallScope({}), callId);
}
