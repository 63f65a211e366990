import { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/client";
import type { PlatformContext, TenantContext } from "@/server/tenancy/context";

export type HourOfCalls = { hour: Date; answered: number; unanswered: number };

/** One instant of the concurrency chart: calls in progress per node id; null = the node sent no sample then. */
export type ConcurrencyPoint = { at: Date; calls: Record<string, number | null> };

export type CallStats = {
  /** The last 24 hours, oldest first, one entry per hour (zero hours included). */
  hourly: HourOfCalls[];
  calls: number;
  answered: number;
  /** Answer-seizure ratio: answered / attempted calls, 0–1; null without calls. */
  asr: number | null;
  /** Average talk time of the answered calls (bill seconds); null without answered calls. */
  averageDurationSec: number | null;
  /** Nodes that appear in the concurrency chart; a record without a node shows as "unknown". */
  nodes: { id: string; hostname: string }[];
  /** Every 10 minutes over the last 24 hours. */
  concurrency: ConcurrencyPoint[];
};

const STEP = Prisma.sql`interval '10 minutes'`;
const STEP_MS = 600_000;
// A call in progress at the window's start began before it; calls longer than this are not charted.
const LONGEST_CALL = Prisma.sql`interval '6 hours'`;
const UNKNOWN_NODE = "unknown";

// The columns are TIMESTAMP(3) holding UTC.
const utc = (d: Date) => Prisma.sql`${d.toISOString()}::timestamp`;

// Constant bounds on the records themselves, so PostgreSQL prunes partitions and uses the
// started_at indexes; a join on generate_series alone would scan every partition.
async function hourly(db: Db, scope: Prisma.Sql, now: Date) {
  const first = Prisma.sql`date_trunc('hour', ${utc(now)}) - interval '23 hours'`;
  return db.$queryRaw<(HourOfCalls & { billed: bigint })[]>`
    WITH calls AS (
      SELECT date_trunc('hour', r.started_at) AS hour, r.disposition, r.bill_sec
      FROM call_record r
      WHERE r.leg = 'a' AND ${scope} AND r.started_at >= ${first} AND r.started_at <= ${utc(now)})
    SELECT h.hour,
           count(c.hour) FILTER (WHERE c.disposition = 'ANSWERED')::int AS answered,
           count(c.hour) FILTER (WHERE c.disposition <> 'ANSWERED')::int AS unanswered,
           coalesce(sum(c.bill_sec) FILTER (WHERE c.disposition = 'ANSWERED'), 0)::bigint AS billed
    FROM generate_series(${first}, date_trunc('hour', ${utc(now)}), interval '1 hour') AS h(hour)
    LEFT JOIN calls c ON c.hour = h.hour
    GROUP BY h.hour
    ORDER BY h.hour`;
}

/** A tenant's calls in progress at each instant, from its records (node samples are not per tenant). */
function tenantConcurrency(db: Db, domainId: string, now: Date) {
  return db.$queryRaw<Sample[]>`
    SELECT s.at, r.node_id AS "nodeId", count(*)::int AS calls
    FROM generate_series(
           date_bin(${STEP}, ${utc(now)}, TIMESTAMP '2000-01-01')
             - interval '24 hours',
           ${utc(now)}, ${STEP}) AS s(at)
    JOIN call_record r
      ON r.domain_id = ${domainId} AND r.leg = 'a'
     AND r.started_at >= ${utc(now)} - interval '24 hours' - ${LONGEST_CALL}
     AND r.started_at <= s.at AND r.ended_at > s.at
    GROUP BY s.at, r.node_id`;
}

/** The platform's calls per node as the nodes reported them (peak of the samples in each step). */
function nodeConcurrency(db: Db, now: Date) {
  return db.$queryRaw<Sample[]>`
    SELECT date_bin(${STEP}, s.sampled_at, TIMESTAMP '2000-01-01') AS at,
           s.node_id AS "nodeId", max(s.active_calls)::int AS calls
    FROM node_load_sample s
    WHERE s.sampled_at >= ${utc(now)} - interval '24 hours' AND s.sampled_at <= ${utc(now)}
    GROUP BY 1, 2`;
}

type Sample = { at: Date; nodeId: string | null; calls: number };

/**
 * Every 10-minute instant of the last 24 hours for every node, so the lines are continuous:
 * `missing` is what an instant without a value means (0 calls from records, a gap for samples).
 */
function concurrencyPoints(samples: Sample[], nodeIds: string[], now: Date, missing: 0 | null): ConcurrencyPoint[] {
  const values = new Map(samples.map((s) => [`${s.at.getTime()} ${s.nodeId ?? UNKNOWN_NODE}`, s.calls]));
  const last = Math.floor(now.getTime() / STEP_MS) * STEP_MS;
  const points: ConcurrencyPoint[] = [];
  for (let t = last - 24 * 3_600_000; t <= last; t += STEP_MS) {
    const calls: Record<string, number | null> = {};
    for (const id of nodeIds) calls[id] = values.get(`${t} ${id}`) ?? missing;
    points.push({ at: new Date(t), calls });
  }
  return points;
}

async function assemble(
  db: Db,
  hours: (HourOfCalls & { billed: bigint })[],
  samples: Sample[],
  now: Date,
  missing: 0 | null,
): Promise<CallStats> {
  const answered = hours.reduce((sum, h) => sum + h.answered, 0);
  const calls = hours.reduce((sum, h) => sum + h.answered + h.unanswered, 0);
  const billed = hours.reduce((sum, h) => sum + Number(h.billed), 0);
  const nodeIds = [...new Set(samples.map((s) => s.nodeId ?? UNKNOWN_NODE))];
  const known = await db.telephonyNode.findMany({
    where: { id: { in: nodeIds } },
    select: { id: true, hostname: true },
    orderBy: { hostname: "asc" },
  });
  const nodes = [
    ...known,
    ...nodeIds.filter((id) => !known.some((n) => n.id === id)).map((id) => ({ id, hostname: "unknown node" })),
  ];
  return {
    hourly: hours.map(({ hour, answered, unanswered }) => ({ hour, answered, unanswered })),
    calls,
    answered,
    asr: calls > 0 ? answered / calls : null,
    averageDurationSec: answered > 0 ? billed / answered : null,
    nodes,
    concurrency: nodes.length > 0 ? concurrencyPoints(samples, nodeIds, now, missing) : [],
  };
}

/** A tenant's last 24 hours: only its own records. */
export async function tenantCallStats(ctx: TenantContext, now = new Date()): Promise<CallStats> {
  const [hours, samples] = await Promise.all([
    hourly(ctx.db, Prisma.sql`r.domain_id = ${ctx.domain.id}`, now),
    tenantConcurrency(ctx.db, ctx.domain.id, now),
  ]);
  return assemble(ctx.db, hours, samples, now, 0);
}

/** Every call on the platform, including those no tenant could be found for. */
export async function platformCallStats(ctx: PlatformContext, now = new Date()): Promise<CallStats> {
  const [hours, samples] = await Promise.all([hourly(ctx.db, Prisma.sql`TRUE`, now), nodeConcurrency(ctx.db, now)]);
  return assemble(ctx.db, hours, samples, now, null);
}
