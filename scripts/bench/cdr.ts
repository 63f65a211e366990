/**
 * `npm run bench:cdr`: sustained CDR ingest over HTTP, against a same-run baseline.
 *
 * The endpoint runs as deployed (`npm run xmlcurl`: server/freeswitch/standalone.ts, a child
 * process) on a throw-away migrated database seeded with the captures' world (cap.example.com,
 * node `vm`). The load: BENCH_CONNECTIONS keep-alive connections, each posting one CDR after
 * another, authenticated as the node; the bodies are the captured mod_json_cdr posts (every
 * scenario, a- and b-legs) with fresh channel uuids per call, so every post is a new leg.
 * 256 connections by default: a burst of hangups across ~20 nodes; each statement's commit
 * (fsync) costs the same for 1 row or 100, so throughput comes from rows per statement.
 * Baseline: the same legs (parsed once, ahead) written by plain multi-row INSERTs into the same
 * table over BENCH_BASELINE_CONNECTIONS connections, BENCH_BASELINE_ROWS rows per statement.
 * Rounds alternate baseline / endpoint (BENCH_ROUNDS, each BENCH_SECONDS); the median is reported.
 * After each endpoint run the rows are counted: every 200 must be a stored row.
 */
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import { z } from "zod";
import pg from "pg";
import { columnArrays, type CallRecordRow } from "@/server/callRecords/callRecordWriter";
import { extractCdrRecord } from "@/server/callRecords/extractCdrRecord";
import { parseCdrBody } from "@/server/callRecords/parseCdrBody";
import { basicAuth, CAPTURE_NODE, seedCaptureWorld } from "@/tests/integration/callRecords/cdrTestbed";
import { createTestDatabase } from "@/tests/support/database";
import { freePort } from "@/tests/support/testApp";
import { capturedPostNames, readCapturedPost } from "@/tests/unit/callRecords/cdrFixtures";
import { EXPECTED_LEGS } from "@/tests/unit/callRecords/expectedLegs";

const config = z
  .object({
    BENCH_SECONDS: z.coerce.number().positive().default(8),
    BENCH_ROUNDS: z.coerce.number().int().positive().default(3),
    BENCH_CONNECTIONS: z.coerce.number().int().positive().default(256),
    BENCH_BASELINE_CONNECTIONS: z.coerce.number().int().positive().default(4),
    BENCH_BASELINE_ROWS: z.coerce.number().int().positive().default(100),
  })
  .parse(process.env);

process.env.SWITCHBOARD_SECRET_KEY ??= randomBytes(32).toString("base64");

const CALL_UUIDS = Object.values(EXPECTED_LEGS).map((l) => l.callUuid);
const UUID_PATTERN = new RegExp(CALL_UUIDS.join("|"), "g");

/** A captured body cut at its channel uuids, so a new call is a cheap join. */
type Template = { parts: string[]; uuids: string[] };
const templates: Template[] = capturedPostNames()
  .filter((n) => n.includes(".json_cdr") && !n.includes("answered-500"))
  .map((name) => {
    const body = readCapturedPost(name).body.toString("utf8");
    const uuids = [...body.matchAll(UUID_PATTERN)].map((m) => m[0]);
    return { parts: body.split(UUID_PATTERN), uuids };
  });

/** One leg of a new call: the template with its uuids mapped to fresh ones. */
function freshBody(t: Template): string {
  const renames = new Map<string, string>();
  let out = t.parts[0] as string;
  t.uuids.forEach((u, i) => {
    let to = renames.get(u);
    if (!to) renames.set(u, (to = randomUUID()));
    out += to + (t.parts[i + 1] as string);
  });
  return out;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;

type Result = { perSecond: number; p50: number; p99: number; requests: number; failures: number };

const t = await createTestDatabase();
await seedCaptureWorld(t.db);
const pool = new pg.Pool({ connectionString: t.url, max: config.BENCH_BASELINE_CONNECTIONS + 1 });
const port = await freePort();
const server = spawn(
  process.execPath,
  ["--max-semi-space-size=64", "--import", "tsx", "server/freeswitch/standalone.ts"],
  {
    env: { ...process.env, DATABASE_URL: t.url, XMLCURL_PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  },
);
await new Promise<void>((resolve, reject) => {
  server.once("exit", (code) => reject(new Error(`endpoint exited with ${code}`)));
  server.stdout?.on("data", (b: Buffer) => b.toString().includes("/freeswitch/cdr") && resolve());
});

const agent = new http.Agent({ keepAlive: true, maxSockets: config.BENCH_CONNECTIONS });
const authorization = basicAuth(CAPTURE_NODE.user, CAPTURE_NODE.secret);

function post(body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: "127.0.0.1",
        port,
        path: "/freeswitch/cdr",
        method: "POST",
        headers: {
          Authorization: authorization,
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function runEndpoint(seconds: number): Promise<Result> {
  const latencies: number[] = [];
  let failures = 0;
  const until = performance.now() + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: config.BENCH_CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const body = freshBody(templates[next++ % templates.length] as Template);
        const started = performance.now();
        const status = await post(body);
        latencies.push(performance.now() - started);
        if (status !== 200) failures++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    perSecond: (latencies.length - failures) / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    requests: latencies.length,
    failures,
  };
}

const COLUMNS =
  "call_uuid, leg, domain_id, node_id, a_leg_uuid, direction, disposition, hangup_cause, caller_number, caller_name, " +
  "destination_number, extension, started_at, answered_at, ended_at, duration_sec, bill_sec, variables";
const parsedLegs: CallRecordRow[] = templates.map((tpl) => ({
  ...extractCdrRecord(parseCdrBody(freshBody(tpl))),
  domainId: null,
  nodeId: null,
}));

/** Plain multi-row INSERT … VALUES of ready rows (no HTTP, no parsing, no batching logic). */
async function runBaseline(seconds: number): Promise<Result> {
  const latencies: number[] = [];
  const rows = config.BENCH_BASELINE_ROWS;
  const placeholders = Array.from(
    { length: rows },
    (_, r) => `(${Array.from({ length: 18 }, (_, c) => `$${r * 18 + c + 1}`).join(",")})`,
  ).join(",");
  const text = `INSERT INTO call_record (${COLUMNS}) VALUES ${placeholders}`;
  const until = performance.now() + seconds * 1000;
  let inserted = 0;
  await Promise.all(
    Array.from({ length: config.BENCH_BASELINE_CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const batch = Array.from({ length: rows }, (_, i) => ({
          ...(parsedLegs[i % parsedLegs.length] as CallRecordRow),
          callUuid: randomUUID(),
        }));
        const cols = columnArrays(batch);
        const values = batch.flatMap((_, r) => cols.map((col) => col[r]));
        const started = performance.now();
        await pool.query(text, values);
        latencies.push(performance.now() - started);
        inserted += rows;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    perSecond: inserted / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    requests: latencies.length,
    failures: 0,
  };
}

const count = async () => Number((await pool.query("SELECT count(*) FROM call_record")).rows[0].count);

try {
  // Warm up both paths before measuring: one post first, so the node's credentials are
  // verified (argon2) once instead of by every connection at once, then JIT and statements.
  if ((await post(freshBody(templates[0] as Template))) !== 200) throw new Error("the warm-up post was not stored");
  await runEndpoint(1);
  await runBaseline(1);
  const endpoint: Result[] = [];
  const baseline: Result[] = [];
  for (let round = 1; round <= config.BENCH_ROUNDS; round++) {
    baseline.push(await runBaseline(config.BENCH_SECONDS));
    const before = await count();
    const r = await runEndpoint(config.BENCH_SECONDS);
    const stored = (await count()) - before;
    if (stored !== r.requests - r.failures)
      throw new Error(`round ${round}: ${r.requests - r.failures} answered 200 but ${stored} rows were stored`);
    endpoint.push(r);
    console.log(
      `round ${round}: endpoint ${r.perSecond.toFixed(0)} CDR/s (p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ` +
        `${r.failures} non-200), baseline ${baseline[round - 1]?.perSecond.toFixed(0)} rows/s`,
    );
  }
  const ratios = endpoint.map((r, i) => r.perSecond / (baseline[i] as Result).perSecond).sort((a, b) => a - b);
  const mid = <T>(xs: T[], by: (x: T) => number) =>
    [...xs].sort((a, b) => by(a) - by(b))[Math.floor(xs.length / 2)] as T;
  const e = mid(endpoint, (r) => r.perSecond);
  const b = mid(baseline, (r) => r.perSecond);
  console.log(
    `\nPOST /freeswitch/cdr (${config.BENCH_CONNECTIONS} connections, mod_json_cdr bodies ~10 KB): ` +
      `${e.perSecond.toFixed(0)} CDR/s, p50 ${e.p50.toFixed(1)} ms, p99 ${e.p99.toFixed(1)} ms per request`,
  );
  console.log(
    `baseline: plain ${config.BENCH_BASELINE_ROWS}-row INSERTs over ${config.BENCH_BASELINE_CONNECTIONS} connections: ` +
      `${b.perSecond.toFixed(0)} rows/s (p99 ${b.p99.toFixed(1)} ms per statement)`,
  );
  console.log(
    `endpoint / baseline (median of per-round ratios): ${(ratios[Math.floor(ratios.length / 2)] ?? NaN).toFixed(2)} ` +
      `(rounds ${ratios.map((x) => x.toFixed(2)).join(" ")}); targets ≥ 5000 CDR/s and ≥ 0.50`,
  );
} finally {
  agent.destroy();
  server.kill("SIGTERM");
  await pool.end();
  await t.drop();
}
