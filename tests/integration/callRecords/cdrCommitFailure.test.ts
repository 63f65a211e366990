import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallRecordWriter, type CallRecordRow } from "@/server/callRecords/callRecordWriter";
import { extractCdrRecord } from "@/server/callRecords/extractCdrRecord";
import { parseCdrBody } from "@/server/callRecords/parseCdrBody";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { readCapturedPost } from "../../unit/callRecords/cdrFixtures";
import { EXPECTED_LEGS } from "../../unit/callRecords/expectedLegs";
import { basicAuth, CAPTURE_NODE, freshUuids, renameUuids, seedCaptureWorld, serveCdr } from "./cdrTestbed";

let t: TestDatabase;
let sql: pg.Pool;
let seeded: Awaited<ReturnType<typeof seedCaptureWorld>>;
let endpoint: Awaited<ReturnType<typeof serveCdr>>;

const HEADERS = {
  Authorization: basicAuth(CAPTURE_NODE.user, CAPTURE_NODE.secret),
  "Content-Type": "application/x-www-form-urlencoded",
};
const A_LEG = "01-answered-1001-1002.a-leg.json_cdr.http";
const B_LEG = "01-answered-1001-1002.b-leg.json_cdr.http";
const A = EXPECTED_LEGS["01.a"]?.callUuid as string;
const B = EXPECTED_LEGS["01.b"]?.callUuid as string;

/** Call 01 (both legs) as a new call. */
function newCall() {
  const renames = freshUuids([A, B]);
  const body = (name: string) => renameUuids(readCapturedPost(name).body.toString("utf8"), renames);
  return { a: body(A_LEG), b: body(B_LEG), aUuid: renames.get(A) as string, bUuid: renames.get(B) as string };
}

const template = extractCdrRecord(parseCdrBody(readCapturedPost(A_LEG).body.toString("utf8")));

const count = async (uuids: string[]) =>
  Number((await sql.query("SELECT count(*) FROM call_record WHERE call_uuid = ANY($1)", [uuids])).rows[0].count);

beforeAll(async () => {
  t = await createTestDatabase();
  sql = new pg.Pool({ connectionString: t.url, max: 2 });
  seeded = await seedCaptureWorld(t.db);
  endpoint = await serveCdr(t.db, t.url);
});

afterAll(async () => {
  await endpoint?.close();
  await sql?.end();
  await t?.drop();
});

describe("a 200 never hides a lost row", () => {
  it("answers 500 when the commit itself fails, and 200 once the database takes the row again", async () => {
    // A deferred constraint trigger fails the transaction at COMMIT, after the INSERT went through.
    await sql.query(`CREATE FUNCTION refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'commit refused (test)'; END $$`);
    await sql.query(`CREATE CONSTRAINT TRIGGER refuse_commit AFTER INSERT ON call_record
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_commit()`);
    const calls = Array.from({ length: 5 }, newCall);
    // Concurrent posts share a batch: every one of them must fail, none may answer 200.
    const replies = await Promise.all(calls.flatMap((c) => [endpoint.post(c.a, HEADERS), endpoint.post(c.b, HEADERS)]));
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(500));
    expect(replies[0]?.body).toMatch(/could not be stored; retry later/);
    const uuids = calls.flatMap((c) => [c.aUuid, c.bUuid]);
    expect(await count(uuids)).toBe(0);

    // FreeSWITCH retries (or the spool pick-up re-posts): now it lands, once.
    await sql.query("DROP TRIGGER refuse_commit ON call_record");
    const retried = await Promise.all(calls.flatMap((c) => [endpoint.post(c.a, HEADERS), endpoint.post(c.b, HEADERS)]));
    expect(retried.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(await count(uuids)).toBe(10);
  });

  it("fails only the bad row of a batch, not its neighbours", async () => {
    const good = newCall();
    const bad = newCall();
    // This one call's a-leg is refused; rows of other calls in the same statement are not.
    await sql.query(`CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.call_uuid = '${bad.aUuid}' THEN RAISE EXCEPTION 'bad row (test)'; END IF; RETURN NEW; END $$`);
    await sql.query(
      "CREATE TRIGGER refuse_one BEFORE INSERT ON call_record FOR EACH ROW EXECUTE FUNCTION refuse_one()",
    );
    const statementsBefore = endpoint.writer.stats.statements;
    const [goodA, goodB, badA] = await Promise.all([
      endpoint.post(good.a, HEADERS),
      endpoint.post(good.b, HEADERS),
      endpoint.post(bad.a, HEADERS),
    ]);
    await sql.query("DROP TRIGGER refuse_one ON call_record");
    expect([goodA?.status, goodB?.status, badA?.status]).toEqual([200, 200, 500]);
    expect(await count([good.aUuid, good.bUuid, bad.aUuid])).toBe(2);
    expect(endpoint.writer.stats.statements).toBeGreaterThan(statementsBefore);
  });

  it("answers 500 when the database is down", async () => {
    const down = await serveCdr(t.db, "postgresql://postgres@127.0.0.1:1/nothing");
    try {
      const call = newCall();
      const reply = await down.post(call.a, HEADERS);
      expect(reply.status).toBe(500);
      expect(await count([call.aUuid])).toBe(0);
    } finally {
      await down.close();
    }
  });
});

describe("batched writes", () => {
  it("answers a burst of concurrent posts, every one stored on its tenant after its commit", async () => {
    const calls = Array.from({ length: 100 }, newCall);
    const before = { ...endpoint.writer.stats };
    const replies = await Promise.all(calls.flatMap((c) => [endpoint.post(c.a, HEADERS), endpoint.post(c.b, HEADERS)]));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const uuids = calls.flatMap((c) => [c.aUuid, c.bUuid]);
    expect(await count(uuids)).toBe(200);
    expect(endpoint.writer.stats.rows - before.rows).toBe(200);
    const stored = await sql.query("SELECT DISTINCT domain_id FROM call_record WHERE call_uuid = ANY($1)", [uuids]);
    expect(stored.rows).toEqual([{ domain_id: seeded.domainId }]);
  });

  it("writes what arrives together in one statement, and what arrives while statements run in the next", async () => {
    const pool = new pg.Pool({ connectionString: t.url, max: 2 });
    const writer = new CallRecordWriter(pool, { maxRows: 500, maxInFlight: 1 });
    try {
      const row = (): CallRecordRow => ({
        ...template,
        callUuid: randomUUID(),
        domainId: seeded.domainId,
        nodeId: null,
      });
      // 1,200 legs in one event-loop turn: 500 + 500 + 200, one statement at a time.
      await Promise.all(Array.from({ length: 1200 }, () => writer.write(row())));
      expect(writer.stats).toEqual({ statements: 3, rows: 1200 });
      // One leg alone goes out at once; the 300 that arrive while it runs share the next statement.
      const first = writer.write(row());
      await new Promise((r) => setImmediate(r));
      const rest = Array.from({ length: 300 }, () => writer.write(row()));
      await Promise.all([first, ...rest]);
      expect(writer.stats).toEqual({ statements: 5, rows: 1501 });
    } finally {
      await pool.end();
    }
  });
});
