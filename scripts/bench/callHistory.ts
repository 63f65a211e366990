/**
 * `npm run bench:history`: call-history server time over 10M call records in 10k tenants, and
 * the memory a 100k-row CSV export takes streamed vs built in memory (the same-run baseline).
 *
 * Fills its own database (kept for reruns; BENCH_RESEED=1 rebuilds it) with BENCH_RECORDS rows
 * (a- and b-leg per call) spread over the last 60 days in monthly partitions, by set-based
 * INSERT … SELECT generate_series with the search indexes dropped during the load and rebuilt
 * after. One call in BENCH_BIG_TENANT_EVERY (2%) belongs to one large tenant (bench0), the rest spread evenly.
 * Then times the real service functions (the SQL the tRPC and REST procedures run) for random
 * tenants: p50/p95/max of BENCH_SAMPLES runs each, beside a `SELECT 1` round trip.
 *
 * Knobs: BENCH_RECORDS (default 10,000,000), BENCH_TENANTS (default 10,000), BENCH_SAMPLES (default 15),
 * BENCH_CSV_ROWS (default 100,000), BENCH_BIG_TENANT_EVERY (default 50), BENCH_ADMIN_URL, BENCH_RESEED=1.
 */
import { execFileSync } from "node:child_process";
import pg from "pg";
import Papa from "papaparse";
import { z } from "zod";
import { maintainCallRecordPartitions, monthStart } from "@/server/callRecords/partitions";
import { searchCalls, type CallScope } from "@/server/callRecords/history";
import { callsCsvStream } from "@/server/callRecords/historyCsv";
import { platformCallStats, tenantCallStats } from "@/server/callRecords/dashboardStats";
import { createDb, type Db } from "@/server/db/client";
import { SPREADSHEET_FORMULA } from "@/server/shared/spreadsheetFormula";

const config = z
  .object({
    BENCH_RECORDS: z.coerce.number().int().positive().default(10_000_000),
    BENCH_TENANTS: z.coerce.number().int().positive().default(10_000),
    BENCH_SAMPLES: z.coerce.number().int().positive().default(15),
    BENCH_CSV_ROWS: z.coerce.number().int().positive().default(100_000),
    /** One call in N belongs to the large tenant (default 50: 2%). */
    BENCH_BIG_TENANT_EVERY: z.coerce.number().int().min(2).default(50),
    BENCH_ADMIN_URL: z.string().default("postgresql://postgres@127.0.0.1:5432/postgres"),
    BENCH_RESEED: z.enum(["0", "1"]).default("0"),
  })
  .parse(process.env);

const DATABASE = "sb_bench_history";
const DAYS = 60;
const CHUNK_CALLS = 500_000;
const BIG_TENANT = "bench-d0";

function urlFor(database: string): string {
  const u = new URL(config.BENCH_ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: config.BENCH_ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

async function seededRecords(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    "SELECT coalesce(sum(reltuples), 0)::bigint AS n FROM pg_class WHERE relname LIKE 'call_record_%' AND relkind = 'r'",
  );
  return Number(rows[0]!.n);
}

/** The load: one INSERT … SELECT per chunk of calls, a- and b-leg each, time ascending as nodes would post them. */
async function seed(pool: pg.Pool, now: Date): Promise<void> {
  const calls = Math.floor(config.BENCH_RECORDS / 2);
  const started = Date.now();
  await pool.query(
    `INSERT INTO "Domain" (id, name, "displayName", "updatedAt")
     SELECT 'bench-d' || t, 'bench' || t || '.example', 'Bench ' || t, now() FROM generate_series(0, $1 - 1) t`,
    [config.BENCH_TENANTS],
  );
  // Monthly partitions for the whole span (the worker's own job), before any row lands.
  await maintainCallRecordPartitions(pool, { retentionMonths: 24, monthsAhead: 4 }, monthStart(now, -3));
  const { rows: indexes } = await pool.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes
      WHERE schemaname = 'public' AND tablename = 'call_record' AND indexname <> 'call_record_pkey'`,
  );
  for (const i of indexes) await pool.query(`DROP INDEX public."${i.name}"`);
  const spanMs = DAYS * 86_400_000;
  for (let lo = 0; lo < calls; lo += CHUNK_CALLS) {
    const hi = Math.min(calls, lo + CHUNK_CALLS) - 1;
    await pool.query(
      `WITH c AS (
         SELECT c, gen_random_uuid()::text AS a_uuid,
                CASE WHEN c % $7::bigint = 0 THEN 0 ELSE 1 + (c * 7919) % ($4::bigint - 1) END AS t,
                $2::timestamp - make_interval(secs => ($3::float8 / 1000) * (1 - c::float8 / $5::float8)) AS at,
                (1000 + c % 97)::text AS ext, (1000 + (c + 13) % 97)::text AS other,
                (12000000000 + (c * 104729) % 8000000000)::text AS ext_number,
                (c / 7) % 3 AS dir, c % 10 AS disp
         FROM generate_series($1::bigint, $6::bigint) AS c)
       INSERT INTO call_record (call_uuid, leg, domain_id, node_id, a_leg_uuid, direction, disposition, hangup_cause,
         caller_number, caller_name, destination_number, extension, started_at, answered_at, ended_at, duration_sec,
         bill_sec, variables)
       SELECT CASE WHEN l.leg = 'a' THEN a_uuid ELSE md5(a_uuid)::uuid::text END, l.leg, 'bench-d' || t,
         'bench-node-' || (c % 20), a_uuid,
         (ARRAY['INBOUND', 'OUTBOUND', 'INTERNAL'])[dir + 1]::"CallDirection",
         (CASE WHEN disp < 7 THEN 'ANSWERED' WHEN disp = 7 THEN 'BUSY' WHEN disp = 8 THEN 'NO_ANSWER' ELSE 'FAILED' END)::"CallDisposition",
         CASE WHEN disp < 7 THEN 'NORMAL_CLEARING' WHEN disp = 7 THEN 'USER_BUSY' WHEN disp = 8 THEN 'NO_ANSWER' ELSE 'USER_NOT_REGISTERED' END,
         CASE WHEN dir = 0 THEN '+' || ext_number ELSE ext END,
         CASE WHEN dir = 0 THEN 'Caller ' || (c % 1000) ELSE 'Ext ' || ext END,
         CASE dir WHEN 0 THEN '1555' || lpad(t::text, 7, '0') WHEN 1 THEN ext_number ELSE other END,
         CASE WHEN dir = 0 OR l.leg = 'b' THEN other ELSE ext END,
         at + CASE WHEN l.leg = 'b' THEN interval '1 second' ELSE interval '0' END,
         CASE WHEN disp < 7 THEN at + interval '6 seconds' END,
         at + interval '1 second' * (10 + c % 300),
         10 + c % 300, CASE WHEN disp < 7 THEN 4 + c % 300 ELSE 0 END,
         '{"sip_hangup_disposition":"send_bye","read_codec":"PCMU"}'::jsonb
       FROM c CROSS JOIN (VALUES ('a'), ('b')) AS l(leg)`,
      [lo, now.toISOString(), spanMs, config.BENCH_TENANTS, calls, hi, config.BENCH_BIG_TENANT_EVERY],
    );
    console.log(`seed: ${((hi + 1) * 2).toLocaleString()} records (${seconds(started)} s)`);
  }
  for (const i of indexes) {
    const t = Date.now();
    // pg_indexes writes a partitioned index as "ON ONLY" (parent alone); rebuild it on every partition.
    await pool.query(i.def.replace(" ON ONLY ", " ON "));
    console.log(`seed: index ${i.name} rebuilt (${seconds(t)} s)`);
  }
  await pool.query("ANALYZE call_record");
  console.log(`seed: done in ${seconds(started)} s`);
}

const migrate = (url: string) =>
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });

async function ensureDatabase(now: Date): Promise<string> {
  const url = urlFor(DATABASE);
  const exists = await admin(async (c) =>
    Boolean((await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE])).rowCount),
  );
  if (exists && config.BENCH_RESEED === "0") {
    const pool = new pg.Pool({ connectionString: url });
    const n = await seededRecords(pool);
    await pool.end();
    if (n >= config.BENCH_RECORDS * 0.95) {
      // A database seeded by an older checkout gets the indexes added since.
      migrate(url);
      console.log(`seed: reusing ${DATABASE} (~${n.toLocaleString()} records)`);
      return url;
    }
  }
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DATABASE}`);
  });
  migrate(url);
  // The load only: its commits need not wait for the disk, and index builds get room to sort.
  const pool = new pg.Pool({
    connectionString: url,
    max: 1,
    options: "-c synchronous_commit=off -c maintenance_work_mem=512MB",
  });
  await seed(pool, now);
  await pool.end();
  return url;
}

type Timing = { p50: number; p95: number; max: number; rows: number };

async function time(samples: number, run: (i: number) => Promise<number>): Promise<Timing> {
  const ms: number[] = [];
  let rows = 0;
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    rows = await run(i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: ms[ms.length - 1]!, rows };
}

const tenantScope = (domainId: string): CallScope => ({ kind: "tenant", domainId, ownExtension: null });
const platformScope: CallScope = { kind: "platform", domainId: null, unattributed: false };

/** Peak RSS growth while `run` executes, sampled every 10 ms, after a full GC. */
const gc = (globalThis as { gc?: () => void }).gc;

async function peakRssGrowth(run: () => Promise<number>): Promise<{ mb: number; seconds: number; rows: number }> {
  gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t = Date.now();
  const rows = await run();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { mb: (peak - base) / 1048576, seconds: (Date.now() - t) / 1000, rows };
}

async function measure(db: Db, pool: pg.Pool): Promise<void> {
  const n = config.BENCH_SAMPLES;
  const tenant = (i: number) => `bench-d${1 + ((i * 2654435761) % (config.BENCH_TENANTS - 1))}`;
  const did = (domainId: string) => `1555${domainId.slice("bench-d".length).padStart(7, "0")}`;
  const { rows: big } = await pool.query<{ n: string }>(
    "SELECT count(*) AS n FROM call_record WHERE domain_id = $1 AND leg = 'a'",
    [BIG_TENANT],
  );
  const knownNumber = async (domainId: string) =>
    (
      await pool.query<{ n: string }>(
        "SELECT caller_number AS n FROM call_record WHERE domain_id = $1 AND direction = 'INBOUND' LIMIT 1",
        [domainId],
      )
    ).rows[0]!.n;
  const page = (scope: CallScope, filters: Parameters<typeof searchCalls>[2]) =>
    searchCalls(db, scope, filters, { pageSize: 50 }).then((p) => p.items.length);

  const results: Record<string, Timing> = {};
  await db.$queryRaw`SELECT 1`; // the first query loads the query compiler
  results["baseline: SELECT 1 round trip"] = await time(n, async () => {
    await db.$queryRaw`SELECT 1`;
    return 1;
  });
  results["tenant first page (50)"] = await time(n, (i) => page(tenantScope(tenant(i)), {}));
  results["tenant number search, prefix (DID, 1/3 of calls)"] = await time(n, (i) =>
    page(tenantScope(tenant(i + n)), { search: did(tenant(i + n)) }),
  );
  const exact: string[] = [];
  for (let i = 0; i < n; i++) exact.push(await knownNumber(tenant(i + 2 * n)));
  results["tenant number search, one caller's number"] = await time(n, (i) =>
    page(tenantScope(tenant(i + 2 * n)), { search: exact[i]! }),
  );
  results["tenant number search, no match"] = await time(n, (i) =>
    page(tenantScope(tenant(i + 3 * n)), { search: "19990000000" }),
  );
  results["tenant name search (ILIKE)"] = await time(n, (i) =>
    page(tenantScope(tenant(i + 4 * n)), { search: "caller 12" }),
  );
  results["tenant extension filter"] = await time(n, (i) =>
    page(tenantScope(tenant(i + 5 * n)), { extension: "1042" }),
  );
  results[`large tenant first page (${Number(big[0]!.n).toLocaleString()} calls)`] = await time(n, () =>
    page(tenantScope(BIG_TENANT), {}),
  );
  results["large tenant number search, prefix"] = await time(n, () =>
    page(tenantScope(BIG_TENANT), { search: "1555" }),
  );
  results["large tenant number search, no match"] = await time(n, () =>
    page(tenantScope(BIG_TENANT), { search: "19990000000" }),
  );
  results["large tenant, answered inbound last 7 days"] = await time(n, () =>
    page(tenantScope(BIG_TENANT), {
      direction: "INBOUND",
      disposition: "ANSWERED",
      from: new Date(Date.now() - 7 * 86_400_000).toISOString(),
    }),
  );
  let cursor: string | undefined;
  results["large tenant, next page (following cursors)"] = await time(n, async () => {
    const p = await searchCalls(db, tenantScope(BIG_TENANT), {}, { pageSize: 50, cursor });
    cursor = p.nextCursor ?? undefined;
    return p.items.length;
  });
  results["platform first page, all tenants"] = await time(n, () => page(platformScope, {}));
  results["platform number search, all tenants"] = await time(n, (i) => page(platformScope, { search: exact[i]! }));
  results["tenant dashboard stats (24 h)"] = await time(n, (i) =>
    tenantCallStats({
      db,
      actor: { userId: null, tokenId: null, label: "bench", ip: null },
      domain: { id: tenant(i), name: "" },
      role: "TENANT_ADMIN",
      extensionId: null,
    }).then((s) => s.calls),
  );
  results["platform dashboard stats (24 h)"] = await time(Math.min(n, 5), () =>
    platformCallStats({ db, actor: { userId: null, tokenId: null, label: "bench", ip: null } }).then((s) => s.calls),
  );

  console.log("\nserver time per request (ms), real service functions against", DATABASE);
  console.log("query".padEnd(56), "p50".padStart(8), "p95".padStart(8), "max".padStart(8), "rows".padStart(6));
  for (const [name, r] of Object.entries(results)) {
    console.log(
      name.padEnd(56),
      r.p50.toFixed(1).padStart(8),
      r.p95.toFixed(1).padStart(8),
      r.max.toFixed(1).padStart(8),
      String(r.rows).padStart(6),
    );
  }

  // CSV: the large tenant's newest BENCH_CSV_ROWS calls, streamed as the route serves them…
  const { rows: edge } = await pool.query<{ at: Date }>(
    `SELECT started_at AS at FROM call_record WHERE domain_id = $1 AND leg = 'a'
      ORDER BY started_at DESC OFFSET $2 LIMIT 1`,
    [BIG_TENANT, config.BENCH_CSV_ROWS - 1],
  );
  const from = edge[0]?.at.toISOString();
  const streamed = await peakRssGrowth(async () => {
    const reader = callsCsvStream(db, tenantScope(BIG_TENANT), { from }).getReader();
    let lines = -1;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const byte of value) if (byte === 10) lines++;
    }
    return lines;
  });
  // …and the baseline: the same rows read at once and joined into one string, as a non-streamed export would.
  const buffered = await peakRssGrowth(async () => {
    const all = await searchCalls(db, tenantScope(BIG_TENANT), { from }, { pageSize: config.BENCH_CSV_ROWS + 10 });
    const text = Papa.unparse(
      { fields: Object.keys(all.items[0] ?? {}), data: all.items.map((r) => Object.values(r).map(String)) },
      { escapeFormulae: SPREADSHEET_FORMULA, newline: "\n" },
    );
    return text.split("\n").length - 1;
  });
  console.log(`\nCSV export of the large tenant's newest calls (peak RSS growth over a post-GC baseline)`);
  for (const [name, r] of [
    ["streamed (callsCsvStream)", streamed],
    ["baseline: all rows in memory", buffered],
  ] as const) {
    console.log(
      `${name.padEnd(32)} ${r.rows.toLocaleString().padStart(9)} rows  ${r.seconds.toFixed(1).padStart(6)} s  ` +
        `${(r.rows / r.seconds).toFixed(0).padStart(7)} rows/s  peak RSS +${r.mb.toFixed(0)} MB`,
    );
  }
}

async function main(): Promise<void> {
  if (!gc) console.log("note: run with node --expose-gc for RSS figures from a clean heap");
  const url = await ensureDatabase(new Date());
  const db = createDb(url, 4);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    await measure(db, pool);
  } finally {
    await db.$disconnect();
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
