import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallRecordWriter, type CallRecordRow } from "@/server/callRecords/callRecordWriter";
import { extractCdrRecord } from "@/server/callRecords/extractCdrRecord";
import { parseCdrBody } from "@/server/callRecords/parseCdrBody";
import { maintainCallRecordPartitions, monthStart, partitionName } from "@/server/callRecords/partitions";
import { startCallRecordPartitionJob } from "@/workers/callRecordPartitionJob";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { readCapturedPost } from "../../unit/callRecords/cdrFixtures";

let t: TestDatabase;
let pool: pg.Pool;
let writer: CallRecordWriter;

const captured = extractCdrRecord(
  parseCdrBody(readCapturedPost("01-answered-1001-1002.a-leg.json_cdr.http").body.toString("utf8")),
);
let n = 0;
/** The captured leg, moved to another start time (and uuid). */
function legAt(iso: string): CallRecordRow {
  const startedAt = new Date(iso);
  return {
    ...captured,
    callUuid: `part-${n++}`,
    startedAt,
    answeredAt: startedAt,
    endedAt: startedAt,
    domainId: null,
    nodeId: null,
  };
}

const partitions = async () =>
  (
    await pool.query<{ name: string; schema: string }>(
      `SELECT c.relname AS name, n.nspname AS schema FROM pg_inherits i
         JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE i.inhparent = 'public.call_record'::regclass ORDER BY 1`,
    )
  ).rows;

/** Which partition holds each stored call uuid. */
const placement = async () =>
  Object.fromEntries(
    (
      await pool.query<{ call_uuid: string; part: string }>(
        "SELECT call_uuid, tableoid::regclass::text AS part FROM call_record",
      )
    ).rows.map((r) => [r.call_uuid, r.part]),
  );

beforeAll(async () => {
  t = await createTestDatabase();
  pool = new pg.Pool({ connectionString: t.url, max: 3 });
  writer = new CallRecordWriter(pool, { maxRows: 50, maxInFlight: 2 });
});

afterAll(async () => {
  await pool?.end();
  await t?.drop();
});

describe("call_record partitions", () => {
  it("starts with this month, the next and a DEFAULT partition, outside the public schema", async () => {
    expect(await partitions()).toEqual([
      { name: "call_record_202612", schema: "cdr_partition" },
      { name: "call_record_202701", schema: "cdr_partition" },
      { name: "call_record_default", schema: "cdr_partition" },
    ]);
  });

  it("creates months ahead, and gives months stranded in DEFAULT their partition without losing a row", async () => {
    const stranded = legAt("2026-06-10T08:00:00.123Z");
    const expired = legAt("2025-01-10T08:00:00Z");
    await Promise.all([writer.write(stranded), writer.write(expired)]);
    expect(await placement()).toEqual({
      [stranded.callUuid]: "cdr_partition.call_record_default",
      [expired.callUuid]: "cdr_partition.call_record_default",
    });

    const report = await maintainCallRecordPartitions(
      pool,
      { retentionMonths: 13, monthsAhead: 3 },
      new Date("2026-12-15T12:00:00Z"),
    );
    expect(report).toEqual({
      created: ["call_record_202606", "call_record_202702", "call_record_202703"],
      dropped: [],
      movedFromDefault: 1,
      expiredFromDefault: 1, // older than 13 months: retention applies to DEFAULT too
    });
    expect(await placement()).toEqual({ [stranded.callUuid]: "cdr_partition.call_record_202606" });
    const [row] = (await pool.query("SELECT started_at::text AS s FROM call_record")).rows;
    expect(row.s).toBe("2026-06-10 08:00:00.123");
  });

  it("keeps the unique key on new partitions: a duplicate leg is still stored once", async () => {
    const leg = legAt("2027-02-03T10:00:00Z");
    await writer.write(leg);
    await writer.write({ ...leg });
    const placed = await placement();
    expect(placed[leg.callUuid]).toBe("cdr_partition.call_record_202702");
    expect((await pool.query("SELECT 1 FROM call_record WHERE call_uuid = $1", [leg.callUuid])).rowCount).toBe(1);
  });

  it("is idempotent", async () => {
    const again = await maintainCallRecordPartitions(
      pool,
      { retentionMonths: 13, monthsAhead: 3 },
      new Date("2026-12-20T00:00:00Z"),
    );
    expect(again).toEqual({ created: [], dropped: [], movedFromDefault: 0, expiredFromDefault: 0 });
  });

  it("drops partitions past the retention and makes the next ones", async () => {
    const report = await maintainCallRecordPartitions(
      pool,
      { retentionMonths: 3, monthsAhead: 3 },
      new Date("2027-03-15T00:00:00Z"),
    );
    expect(report.dropped.sort()).toEqual(["call_record_202606", "call_record_202612"]);
    expect(report.created).toEqual(["call_record_202704", "call_record_202705", "call_record_202706"]);
    expect((await partitions()).map((p) => p.name)).toEqual([
      "call_record_202701",
      "call_record_202702",
      "call_record_202703",
      "call_record_202704",
      "call_record_202705",
      "call_record_202706",
      "call_record_default",
    ]);
    // The record of February 2027 is within retention and stays.
    expect(Object.values(await placement())).toEqual(["cdr_partition.call_record_202702"]);
  });

  it("serialises concurrent runs (several workers) without errors or double work", async () => {
    const now = new Date("2027-05-02T00:00:00Z");
    const reports = await Promise.all(
      [1, 2, 3].map(() => maintainCallRecordPartitions(pool, { retentionMonths: 3, monthsAhead: 3 }, now)),
    );
    expect(reports.flatMap((r) => r.created).sort()).toEqual(["call_record_202707", "call_record_202708"]);
  });
});

describe("the worker's partition job", () => {
  it("makes the partitions ahead of today as soon as it starts", async () => {
    const fresh = await createTestDatabase();
    const errors: unknown[] = [];
    const job = startCallRecordPartitionJob({
      databaseUrl: fresh.url,
      retentionMonths: 13,
      monthsAhead: 3,
      intervalMs: 3600_000,
      onError: (_where, e) => errors.push(e),
    });
    try {
      await job.close(); // waits for the run that started with it
      const check = new pg.Client({ connectionString: fresh.url });
      await check.connect();
      const { rows } = await check.query<{ name: string }>(
        "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'call_record'::regclass",
      );
      await check.end();
      const now = new Date();
      const expected = [0, 1, 2, 3].map((i) => partitionName(monthStart(now, i)));
      expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(expected));
      expect(errors).toEqual([]);
    } finally {
      await fresh.drop();
    }
  });
});
