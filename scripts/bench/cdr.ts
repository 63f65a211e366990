/**
 * `npm run bench:cdr`: sustained CDR ingest over HTTP, against a same-run baseline.
 *
 * The endpoint runs as deployed (`npm run xmlcurl`: server/freeswitch/standalone.ts, a child
 * process) on a throw-away migrated database seeded with the captures' world (cap.example.com,
 * node `vm`), served by BENCH_WORKERS processes (XMLCURL_WORKERS; 1 by default, as deployed: on
 * two cores shared with PostgreSQL and wrk, a second process cost 40% more CPU per CDR and gave
 * half the rate, its batches being half as big). The load: wrk (the xml_curl
 * bench's replay.lua) over BENCH_CONNECTIONS keep-alive connections, each posting one CDR after
 * another, authenticated as the node; the bodies are the captured mod_json_cdr posts (every
 * scenario, a- and b-legs) with fresh channel uuids per request, so every post is a new leg.
 * wrk, not a Node client: a Node HTTP client posting 10 KB bodies spent more CPU than the
 * endpoint, on the same two cores. 256 connections by default: a burst of hangups across ~20
 * nodes; each statement's commit (fsync) costs the same for 1 row or 100, so throughput comes
 * from rows per statement.
 * Baseline: the same legs (parsed once, ahead) written by plain multi-row INSERTs into the same
 * table over BENCH_BASELINE_CONNECTIONS connections, BENCH_BASELINE_ROWS rows per statement.
 * Rounds alternate baseline / endpoint (BENCH_ROUNDS, each BENCH_SECONDS); the median is reported.
 * After each endpoint run the rows are counted: every 200 must be a stored row (and at most the
 * requests still in flight when wrk stopped may be stored beyond those).
 * Each side's CPU per stored row is read from /proc (load generator, endpoint, PostgreSQL):
 * with both sides CPU-bound on the same cores, their rates go as 1 / CPU per row, which gives
 * the ratio CPU alone allows, whatever the machine's load.
 */
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import pg from "pg";
import { CALL_RECORD_COLUMNS, callRecordValues, type CallRecordRow } from "@/server/callRecords/callRecordWriter";
import { extractCdrRecord } from "@/server/callRecords/extractCdrRecord";
import { parseCdrBody } from "@/server/callRecords/parseCdrBody";
import { basicAuth, CAPTURE_NODE, seedCaptureWorld } from "@/tests/integration/callRecords/cdrTestbed";
import { createTestDatabase } from "@/tests/support/database";
import { freePort } from "@/tests/support/testApp";
import { capturedPostNames, readCapturedPost } from "@/tests/unit/callRecords/cdrFixtures";
import { EXPECTED_LEGS } from "@/tests/unit/callRecords/expectedLegs";
import { cpuSeconds, reapedChildrenCpuSeconds, withChildren } from "./processCpu";
import { runWrk } from "./xmlcurl/loadRunners";

const config = z
  .object({
    BENCH_SECONDS: z.coerce.number().positive().default(8),
    BENCH_ROUNDS: z.coerce.number().int().positive().default(3),
    BENCH_CONNECTIONS: z.coerce.number().int().positive().default(256),
    BENCH_WORKERS: z.coerce.number().int().positive().default(1),
    BENCH_BASELINE_CONNECTIONS: z.coerce.number().int().positive().default(4),
    BENCH_BASELINE_ROWS: z.coerce.number().int().positive().default(100),
    /** Where the endpoint's processes write V8 CPU profiles (--cpu-prof), to see where a CDR's time goes. */
    BENCH_PROFILE_DIR: z.string().optional(),
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
  [
    "--max-semi-space-size=64",
    ...(config.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${config.BENCH_PROFILE_DIR}`] : []),
    "--import",
    "tsx",
    "server/freeswitch/standalone.ts",
  ],
  {
    env: {
      ...process.env,
      DATABASE_URL: t.url,
      XMLCURL_PORT: String(port),
      XMLCURL_WORKERS: String(config.BENCH_WORKERS),
    },
    stdio: ["ignore", "pipe", "inherit"],
  },
);
await new Promise<void>((resolve, reject) => {
  server.once("exit", (code) => reject(new Error(`endpoint exited with ${code}`)));
  server.stdout?.on("data", (b: Buffer) => b.toString().includes("/freeswitch/cdr") && resolve());
});

const authorization = basicAuth(CAPTURE_NODE.user, CAPTURE_NODE.secret);

/** A template as wrk sends it: the whole HTTP request, each distinct uuid a placeholder of its length. */
function requestWithPlaceholders(t: Template): string {
  const numbers = new Map<string, number>();
  let body = t.parts[0] as string;
  t.uuids.forEach((u, i) => {
    if (!numbers.has(u)) numbers.set(u, numbers.size);
    body += `UUID${String(numbers.get(u)).padStart(2, "0")}${"_".repeat(30)}` + (t.parts[i + 1] as string);
  });
  return (
    `POST /freeswitch/cdr HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: ${authorization}\r\n` +
    `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}
const workDir = mkdtempSync(join(tmpdir(), "bench-cdr-"));
const requestsFile = join(workDir, "requests");
writeFileSync(requestsFile, templates.map(requestWithPlaceholders).join("\0"));
/** wrk may use both cores, as the endpoint and PostgreSQL do: nothing is pinned. */
const LOAD = { cpu: "0-63", nice: 0 };

async function postOne(body: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/freeswitch/cdr`, {
    method: "POST",
    headers: { Authorization: authorization, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

async function runEndpoint(seconds: number): Promise<Result> {
  const r = await runWrk(LOAD, port, requestsFile, seconds, config.BENCH_CONNECTIONS, true);
  return {
    perSecond: (r.requests - r.errors) / r.seconds,
    p50: r.p50Ms,
    p99: r.p99Ms,
    requests: r.requests,
    failures: r.errors,
  };
}

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
  const text = `INSERT INTO call_record (${CALL_RECORD_COLUMNS.join(", ")}) VALUES ${placeholders}`;
  const until = performance.now() + seconds * 1000;
  let inserted = 0;
  await Promise.all(
    Array.from({ length: config.BENCH_BASELINE_CONNECTIONS }, async () => {
      while (performance.now() < until) {
        // Fresh a-leg uuids too: rows sharing a few would skew the planner's statistics of
        // a_leg_uuid (the endpoint's tenant lookups then seq-scanned: 10 ms of CPU per CDR).
        const batch = Array.from({ length: rows }, (_, i) => {
          const leg = parsedLegs[i % parsedLegs.length] as CallRecordRow;
          const callUuid = randomUUID();
          return { ...leg, callUuid, aLegUuid: leg.leg === "a" ? callUuid : randomUUID() };
        });
        const values = batch.flatMap(callRecordValues);
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
/** The PostgreSQL backends serving this database (the endpoint's pools; the baseline's sit idle meanwhile). */
const backendPids = async () =>
  (
    await pool.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
  ).rows.map((r) => r.pid);
/** CPU per stored row, in µs, of each part of one side: what the two cores were spent on. */
type Cpu = { loadUs: number; endpointUs: number; databaseUs: number };
const totalUs = (c: Cpu) => c.loadUs + c.endpointUs + c.databaseUs;

/** Runs `work` and charges the CPU its parts spent to each of the rows it stored. */
async function measured<T extends Result>(
  endpointPids: number[],
  work: () => Promise<T>,
): Promise<{ result: T; stored: number; cpu: Cpu }> {
  const databasePids = await backendPids();
  const before = await count();
  const [load0, self0, endpoint0, database0] = [
    reapedChildrenCpuSeconds(),
    process.cpuUsage(),
    cpuSeconds(endpointPids),
    cpuSeconds(databasePids),
  ];
  const result = await work();
  const self = process.cpuUsage(self0);
  const stored = (await count()) - before;
  const perRow = (seconds: number) => (seconds / stored) * 1e6;
  return {
    result,
    stored,
    cpu: {
      // The load generator: wrk (a reaped child) for the endpoint, this process's client for the baseline.
      loadUs: perRow(reapedChildrenCpuSeconds() - load0 + (self.user + self.system) / 1e6),
      endpointUs: perRow(cpuSeconds(endpointPids) - endpoint0),
      databaseUs: perRow(cpuSeconds(databasePids) - database0),
    },
  };
}

const cpuLine = (c: Cpu, load: string, endpoint: string) =>
  `${load} ${c.loadUs.toFixed(0)} + ${endpoint}${c.endpointUs.toFixed(0)} + PostgreSQL ${c.databaseUs.toFixed(0)} = ` +
  `${totalUs(c).toFixed(0)} µs`;

try {
  // Warm up both paths before measuring: one post first, so the node's credentials are
  // verified (argon2) once instead of by every connection at once, then JIT and statements.
  if ((await postOne(freshBody(templates[0] as Template))) !== 200) throw new Error("the warm-up post was not stored");
  await runEndpoint(1);
  await runBaseline(1);
  const endpoint: Result[] = [];
  const baseline: Result[] = [];
  const endpointCpu: Cpu[] = [];
  const baselineCpu: Cpu[] = [];
  const endpointPids = withChildren(server.pid as number);
  for (let round = 1; round <= config.BENCH_ROUNDS; round++) {
    const b = await measured([], () => runBaseline(config.BENCH_SECONDS));
    const e = await measured(endpointPids, () => runEndpoint(config.BENCH_SECONDS));
    const load = loadavg()[0] as number;
    const ok = e.result.requests - e.result.failures;
    if (e.stored < ok || e.stored > ok + e.result.failures + config.BENCH_CONNECTIONS)
      throw new Error(`round ${round}: ${ok} answered 200 but ${e.stored} rows were stored`);
    endpoint.push(e.result);
    baseline.push(b.result);
    endpointCpu.push(e.cpu);
    baselineCpu.push(b.cpu);
    console.log(
      `round ${round} (load ${load.toFixed(1)}): endpoint ${e.result.perSecond.toFixed(0)} CDR/s (p50 ${e.result.p50.toFixed(1)} ms, ` +
        `p99 ${e.result.p99.toFixed(1)} ms, ${e.result.failures} non-200), baseline ${b.result.perSecond.toFixed(0)} rows/s\n` +
        `  CPU per row: endpoint side ${cpuLine(e.cpu, "wrk", "endpoint ")}; baseline side ${cpuLine(b.cpu, "client", "")}`,
    );
  }
  const ratios = endpoint.map((r, i) => r.perSecond / (baseline[i] as Result).perSecond).sort((a, b) => a - b);
  const mid = <T>(xs: T[], by: (x: T) => number) =>
    [...xs].sort((a, b) => by(a) - by(b))[Math.floor(xs.length / 2)] as T;
  const e = mid(endpoint, (r) => r.perSecond);
  const b = mid(baseline, (r) => r.perSecond);
  console.log(
    `\nPOST /freeswitch/cdr (${config.BENCH_CONNECTIONS} connections, ${config.BENCH_WORKERS} endpoint processes, ` +
      `mod_json_cdr bodies ~10 KB): ${e.perSecond.toFixed(0)} CDR/s, p50 ${e.p50.toFixed(1)} ms, p99 ${e.p99.toFixed(1)} ms per request`,
  );
  console.log(
    `baseline: plain ${config.BENCH_BASELINE_ROWS}-row INSERTs over ${config.BENCH_BASELINE_CONNECTIONS} connections: ` +
      `${b.perSecond.toFixed(0)} rows/s (p99 ${b.p99.toFixed(1)} ms per statement)`,
  );
  console.log(
    `endpoint / baseline (median of per-round ratios): ${(ratios[Math.floor(ratios.length / 2)] ?? NaN).toFixed(2)} ` +
      `(rounds ${ratios.map((x) => x.toFixed(2)).join(" ")}); targets ≥ 5000 CDR/s and ≥ 0.50`,
  );
  const ec = mid(endpointCpu, totalUs);
  const bc = mid(baselineCpu, totalUs);
  // Both sides share the same cores: when both are CPU-bound, rows/s go as 1 / CPU per row (the
  // baseline's few connections also wait on commits, so the measured ratio can sit above it).
  console.log(
    `CPU per stored row (median rounds): endpoint side ${cpuLine(ec, "wrk", "endpoint ")}, ` +
      `baseline side ${cpuLine(bc, "client", "")}; CPU alone puts the ratio at ` +
      `${(totalUs(bc) / totalUs(ec)).toFixed(2)}; all ${availableParallelism()} cores would take ` +
      `${((availableParallelism() * 1e6) / totalUs(ec)).toFixed(0)} CDR/s`,
  );
} finally {
  rmSync(workDir, { recursive: true, force: true });
  server.kill("SIGTERM");
  await pool.end();
  await t.drop();
}
