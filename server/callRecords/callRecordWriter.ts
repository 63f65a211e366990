import type pg from "pg";
import type { CdrRecord } from "./cdrRecord";

type Queryable = Pick<pg.Pool, "query">;

/** A leg ready to store: the parsed record plus who it belongs to. */
export type CallRecordRow = CdrRecord & { domainId: string | null; nodeId: string | null };

export type CallRecordWriterOptions = {
  /** Most rows in one INSERT. */
  maxRows: number;
  /** Statements in flight at once (at most the pool's size); posts arriving meanwhile wait and go together. */
  maxInFlight: number;
};

export const defaultWriterOptions: CallRecordWriterOptions = { maxRows: 500, maxInFlight: 3 };

type Pending = { row: CallRecordRow; resolve: () => void; reject: (e: unknown) => void };

/**
 * One statement per batch, named so PostgreSQL plans it once: the rows travel as one
 * array per column, the insert skips a leg already stored (the same CDR posted twice, or
 * by both json_cdr and xml_cdr), and the legs of the same call stored earlier without a
 * tenant (a gateway b-leg posted before its a-leg) take the domain a leg of this batch has.
 */
const INSERT_SQL = `
WITH v AS (
  SELECT * FROM unnest(
    $1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::"CallDirection"[], $7::"CallDisposition"[],
    $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::timestamp(3)[], $14::timestamp(3)[],
    $15::timestamp(3)[], $16::int[], $17::int[], $18::jsonb[]
  ) AS t(call_uuid, leg, domain_id, node_id, a_leg_uuid, direction, disposition, hangup_cause, caller_number,
         caller_name, destination_number, extension, started_at, answered_at, ended_at, duration_sec, bill_sec, variables)
), inserted AS (
  INSERT INTO call_record (call_uuid, leg, domain_id, node_id, a_leg_uuid, direction, disposition, hangup_cause,
    caller_number, caller_name, destination_number, extension, started_at, answered_at, ended_at, duration_sec,
    bill_sec, variables)
  SELECT * FROM v
  ON CONFLICT (call_uuid, leg, started_at) DO NOTHING
  RETURNING 1
), backfilled AS (
  UPDATE call_record c SET domain_id = v.domain_id
    FROM v
   WHERE v.domain_id IS NOT NULL AND c.a_leg_uuid = v.a_leg_uuid AND c.domain_id IS NULL
     AND c.started_at > v.started_at - interval '1 day' AND c.started_at < v.started_at + interval '1 day'
  RETURNING 1
)
SELECT (SELECT count(*) FROM inserted)::int AS inserted, (SELECT count(*) FROM backfilled)::int AS backfilled`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The statement's parameters: one array per column. */
export function columnArrays(rows: CallRecordRow[]): unknown[][] {
  const cols: unknown[][] = Array.from({ length: 18 }, () => new Array<unknown>(rows.length));
  rows.forEach((r, i) => {
    const values = [
      r.callUuid,
      r.leg,
      r.domainId,
      r.nodeId,
      r.aLegUuid,
      r.direction,
      r.disposition,
      r.hangupCause,
      r.callerNumber,
      r.callerName,
      r.destinationNumber,
      r.extension,
      iso(r.startedAt),
      iso(r.answeredAt),
      iso(r.endedAt),
      r.durationSec,
      r.billSec,
      JSON.stringify(r.variables),
    ];
    values.forEach((value, c) => ((cols[c] as unknown[])[i] = value));
  });
  return cols;
}

/** A leg without a tenant takes the one of another leg of its call in the same batch. */
function shareDomainsWithinBatch(rows: CallRecordRow[]): void {
  const byCall = new Map<string, string>();
  for (const r of rows) if (r.domainId) byCall.set(r.aLegUuid, r.domainId);
  for (const r of rows) if (!r.domainId) r.domainId = byCall.get(r.aLegUuid) ?? null;
}

/**
 * Groups concurrent posts into one INSERT (group commit): a post that finds a free slot
 * goes out at the end of the current event-loop turn, with whatever else arrived in it;
 * while `maxInFlight` statements are running, posts queue up and leave together when one
 * finishes. Quiet: one row, no added wait. A burst of hangups: a few statements of many
 * rows, not one transaction each. Each write resolves only once its statement has
 * committed (autocommit, synchronous_commit on), so a 200 never hides a lost row; a failed
 * batch is retried row by row, so one bad row cannot fail its neighbours.
 */
export class CallRecordWriter {
  private pending: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** Committed statements and the rows they carried (rows per statement = how well posts batch). */
  readonly stats = { statements: 0, rows: 0 };

  constructor(
    private readonly pool: Queryable,
    private readonly options: CallRecordWriterOptions = defaultWriterOptions,
  ) {}

  write(row: CallRecordRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.inFlight < this.options.maxInFlight && this.pending.length > 0) {
        this.inFlight++;
        void this.flush(this.pending.splice(0, this.options.maxRows)).finally(() => {
          this.inFlight--;
          this.schedule();
        });
      }
    });
  }

  private async flush(batch: Pending[]): Promise<void> {
    try {
      await this.insert(batch.map((p) => p.row));
      for (const p of batch) p.resolve();
    } catch (error) {
      if (batch.length === 1) return (batch[0] as Pending).reject(error);
      await Promise.all(batch.map((p) => this.flush([p])));
    }
  }

  private async insert(rows: CallRecordRow[]): Promise<void> {
    shareDomainsWithinBatch(rows);
    await this.pool.query({ name: "call_record_insert", text: INSERT_SQL, values: columnArrays(rows) });
    this.stats.statements++;
    this.stats.rows += rows.length;
  }
}
