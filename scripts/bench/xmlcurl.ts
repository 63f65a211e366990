/**
 * `npm run bench:xmlcurl`: how fast the mod_xml_curl endpoint answers, against a bare
 * node:http responder on the same machine.
 *
 * Seeds BENCH_DOMAINS × BENCH_EXTENSIONS (default 10,000 × 100 = 1M extensions) into its
 * own database with set-based INSERT … SELECT (a1-hash computed by PostgreSQL's md5),
 * serves the endpoint and the bare responder from a child process, and loads both
 * from this process over keep-alive loopback connections.
 *
 * Knobs: BENCH_DOMAINS, BENCH_EXTENSIONS, BENCH_SECONDS (per phase, default 4), BENCH_ROUNDS (default 3),
 * BENCH_CONCURRENCY (default 32), BENCH_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres),
 * BENCH_RESEED=1 to rebuild the database.
 */
import { fork, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createDb } from "@/server/db/client";
import { listenForConfigChanges } from "@/server/freeswitch/configListener";
import { createXmlCurlHandler } from "@/server/freeswitch/httpHandler";
import { notFoundDocument } from "@/server/freeswitch/xml";
import { defaultXmlCurlSettings, XmlCurlService } from "@/server/freeswitch/xmlCurlService";
import { hashPassword } from "@/server/security/password";
import { generateSecretKey, seal } from "@/server/security/secretBox";
import { ensureTemplate } from "@/tests/support/database";

// Only the bench's own rows are sealed with it; the child process inherits it.
process.env.SWITCHBOARD_SECRET_KEY ??= generateSecretKey();

const DOMAINS = Number(process.env.BENCH_DOMAINS ?? 10_000);
const EXTENSIONS = Number(process.env.BENCH_EXTENSIONS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const DATABASE = "sb_bench_xmlcurl";
const NODE = { hostname: "fs-node-01", user: "bench", secret: "bench-secret" };
const FIXTURES = join(process.cwd(), "..", "shared", "fixtures", "freeswitch");

function databaseUrl(): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DATABASE}`;
  return u.toString();
}

const domainName = (i: number) => `bench${i}.example`;
const extensionNumber = (i: number) => String(1000 + i);

// ───────────────────────────── seeding ─────────────────────────────

async function seed(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE])).rowCount;
    if (exists && process.env.BENCH_RESEED !== "1") {
      const c = new pg.Client({ connectionString: databaseUrl() });
      await c.connect();
      const { rows } = await c.query<{ d: string; e: string }>(
        `SELECT (SELECT count(*) FROM "Domain") d, (SELECT count(*) FROM "Extension") e`,
      );
      await c.end();
      if (Number(rows[0]?.d) === DOMAINS && Number(rows[0]?.e) === DOMAINS * EXTENSIONS) {
        console.log(`seed: reusing ${DATABASE} (${DOMAINS} domains × ${EXTENSIONS} extensions)`);
        return;
      }
    }
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${DATABASE}" TEMPLATE "${await ensureTemplate()}"`);
  } finally {
    await admin.end();
  }
  const started = Date.now();
  const c = new pg.Client({ connectionString: databaseUrl() });
  await c.connect();
  try {
    await c.query(
      `INSERT INTO "TelephonyNode" (id, hostname, "sipAddress", "eslHost", "eslPasswordEnc", "xmlCurlUser", "xmlCurlSecretHash", "updatedAt")
       VALUES ('bench-node', $1, '127.0.0.1', '127.0.0.1', $2, $3, $4, now())`,
      [NODE.hostname, seal("ClueCon"), NODE.user, await hashPassword(NODE.secret)],
    );
    await c.query(
      `INSERT INTO "Domain" (id, name, "displayName", "updatedAt")
       SELECT 'dom' || i, 'bench' || i || '.example', 'Bench ' || i, now() FROM generate_series(0, $1::int - 1) i`,
      [DOMAINS],
    );
    // One statement per slice of domains keeps each transaction (and its WAL) modest.
    const slice = Math.max(1, Math.floor(200_000 / EXTENSIONS));
    for (let from = 0; from < DOMAINS; from += slice) {
      await c.query(
        `INSERT INTO "Extension" (id, "domainId", number, "displayName", "sipA1Hash", "externalCallerIdNumber", "updatedAt")
         SELECT 'ext' || d || '-' || e, 'dom' || d, (1000 + e)::text, 'Ext ' || (1000 + e),
                md5((1000 + e)::text || ':bench' || d || '.example:pw' || (1000 + e)), '+4930' || (1000000 + d), now()
         FROM generate_series($1::int, $2::int - 1) d, generate_series(0, $3::int - 1) e`,
        [from, Math.min(from + slice, DOMAINS), EXTENSIONS],
      );
      process.stdout.write(`\rseed: ${Math.min(from + slice, DOMAINS)}/${DOMAINS} domains`);
    }
    await c.query(
      `INSERT INTO "Trunk" (id, name, "proxyHost", "updatedAt") VALUES ('trunk-a', 'carrier-a', '198.51.100.7', now())`,
    );
    await c.query(
      `INSERT INTO "OutboundRoute" (id, name, pattern, "stripDigits", prepend, "updatedAt") VALUES ('route-n', 'national', '_0Z.', 1, '+49', now())`,
    );
    await c.query(`INSERT INTO "OutboundRouteTrunk" ("routeId", "trunkId", position) VALUES ('route-n', 'trunk-a', 1)`);
    await c.query("ANALYZE");
  } finally {
    await c.end();
  }
  console.log(`\nseed: ${DOMAINS * EXTENSIONS} extensions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// ───────────────────────────── servers (child process) ─────────────────────────────

async function serve(): Promise<void> {
  const url = databaseUrl();
  const db = createDb(url, 10);
  const service = new XmlCurlService(db, db, { ...defaultXmlCurlSettings, userCacheSeconds: 300 });
  listenForConfigChanges(url, service.cache);
  const endpoint = createServer(createXmlCurlHandler(service));
  // The floor: read the body, answer a constant document.
  const bare = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, {
        "Content-Type": "text/xml; charset=utf-8",
        "Content-Length": Buffer.byteLength(notFoundDocument),
      });
      res.end(notFoundDocument);
    });
  });
  await Promise.all([endpoint, bare].map((s) => new Promise<void>((r) => s.listen(0, "127.0.0.1", r))));
  process.send?.({ endpoint: (endpoint.address() as AddressInfo).port, bare: (bare.address() as AddressInfo).port });
}

// ───────────────────────────── load generator ─────────────────────────────

type Result = { requests: number; errors: number; seconds: number; p50: number; p99: number };

const agent = new Agent({ keepAlive: true, maxSockets: 512 });

function post(port: number, body: string, authorization: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/freeswitch/xml",
        method: "POST",
        agent,
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

function summarize(latencies: number[], errors: number, seconds: number): Result {
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { requests: latencies.length, errors, seconds, p50: at(0.5), p99: at(0.99) };
}

/** Closed loop: `concurrency` loops, each sending the next request when the last answered. */
async function closedLoop(port: number, next: () => string, auth: string, concurrency: number): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        try {
          if ((await post(port, next(), auth)) !== 200) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  return summarize(latencies, errors, SECONDS);
}

/** Open loop at a fixed rate (bounded in-flight), for latency at a given load. */
async function fixedRate(port: number, next: () => string, auth: string, perSecond: number): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  let inflight = 0;
  const started = performance.now();
  const total = Math.floor(perSecond * SECONDS);
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * perSecond));
      while (sent < due && inflight < 1024) {
        sent++;
        inflight++;
        const t0 = performance.now();
        post(port, next(), auth)
          .then(
            (s) => s !== 200 && errors++,
            () => errors++,
          )
          .finally(() => {
            inflight--;
            latencies.push(performance.now() - t0);
            if (sent >= total && inflight === 0) resolve();
          });
      }
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
  return summarize(latencies, errors, (performance.now() - started) / 1000);
}

const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");
const rand = (n: number) => Math.floor(Math.random() * n);

function sipAuthBody(d: number, e: number): string {
  const domain = domainName(d);
  return `user=${extensionNumber(e)}&domain=${domain}&sip_auth_username=${extensionNumber(e)}&sip_auth_realm=${domain}&${fixture("directory-sip_auth-register.body")}`;
}

function dialplanBody(d: number, from: number, to: string): string {
  const domain = domainName(d);
  return `Caller-Context=${domain}&Hunt-Context=${domain}&Caller-Destination-Number=${to}&Hunt-Destination-Number=${to}&variable_user_name=${extensionNumber(from)}&variable_domain_name=${domain}&${fixture("dialplan-sip-invite.body")}`;
}

const fmt = (r: Result) =>
  `${(r.requests / r.seconds).toFixed(0).padStart(7)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  errors ${r.errors}`;

async function main(): Promise<void> {
  if (process.argv.includes("--serve")) return serve();
  await seed();
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ["--serve"], {
    execArgv: ["--import", "tsx"],
    stdio: "inherit",
  });
  const ports = await new Promise<{ endpoint: number; bare: number }>((resolve) =>
    child.once("message", (m) => resolve(m as { endpoint: number; bare: number })),
  );
  const auth = `Basic ${Buffer.from(`${NODE.user}:${NODE.secret}`).toString("base64")}`;
  try {
    // Hot sets: 1,000 users and 1,000 dialplan answers, loaded once before measuring.
    const hotUsers = Array.from({ length: 1000 }, () => sipAuthBody(rand(DOMAINS), rand(EXTENSIONS)));
    const hotCalls = Array.from({ length: 1000 }, () =>
      dialplanBody(rand(DOMAINS), rand(EXTENSIONS), extensionNumber(rand(EXTENSIONS))),
    );
    for (const body of [...hotUsers, ...hotCalls]) await post(ports.endpoint, body, auth);
    const pick = (list: string[]) => () => list[rand(list.length)] ?? "";
    const misses = () =>
      Math.random() < 0.5
        ? sipAuthBody(rand(DOMAINS), rand(EXTENSIONS))
        : dialplanBody(
            rand(DOMAINS),
            rand(EXTENSIONS),
            Math.random() < 0.8 ? extensionNumber(rand(EXTENSIONS)) : `0${rand(9) + 1}${rand(1e6)}`,
          );

    // The machine is shared: scenarios are interleaved over several rounds and the median round reported.
    const rate = (r: Result) => r.requests / r.seconds;
    const median = (results: Result[], by: (r: Result) => number) =>
      [...results].sort((x, y) => by(x) - by(y))[Math.floor(results.length / 2)] as Result;
    const closed: Record<"bare" | "bareLarge" | "sip" | "dial" | "miss", Result[]> = {
      bare: [],
      bareLarge: [],
      sip: [],
      dial: [],
      miss: [],
    };
    for (let round = 1; round <= ROUNDS; round++) {
      // The bare responder gets the same bodies as the scenario it is compared with.
      closed.bare.push(await closedLoop(ports.bare, pick(hotUsers), auth, CONCURRENCY));
      closed.bareLarge.push(await closedLoop(ports.bare, pick(hotCalls), auth, CONCURRENCY));
      closed.sip.push(await closedLoop(ports.endpoint, pick(hotUsers), auth, CONCURRENCY));
      closed.dial.push(await closedLoop(ports.endpoint, pick(hotCalls), auth, CONCURRENCY));
      closed.miss.push(await closedLoop(ports.endpoint, misses, auth, 8));
      const last = (r: Result[]) => rate(r.at(-1) as Result).toFixed(0);
      console.log(
        `round ${round}: bare ${last(closed.bare)}/s (INVITE-sized ${last(closed.bareLarge)}/s), sip_auth ${last(closed.sip)}/s, dialplan ${last(closed.dial)}/s, misses ${last(closed.miss)}/s`,
      );
    }
    const [bare, bareLarge, sip, dial, miss] = [
      closed.bare,
      closed.bareLarge,
      closed.sip,
      closed.dial,
      closed.miss,
    ].map((r) => median(r, rate)) as [Result, Result, Result, Result, Result];
    console.log(
      `\nclosed loop, median of ${ROUNDS} rounds × ${SECONDS} s (${DOMAINS} domains × ${EXTENSIONS} extensions):`,
    );
    console.log(`  bare, REGISTER bodies   ${fmt(bare)}  (${CONCURRENCY} connections)`);
    console.log(`  sip_auth hits           ${fmt(sip)}  (${CONCURRENCY} connections)`);
    console.log(`  bare, INVITE bodies     ${fmt(bareLarge)}  (${CONCURRENCY} connections)`);
    console.log(`  dialplan hits           ${fmt(dial)}  (${CONCURRENCY} connections)`);
    console.log(`  miss mix                ${fmt(miss)}  (8 connections)`);
    console.log(
      `\nratio to bare: sip_auth hits ${(rate(sip) / rate(bare)).toFixed(2)}, dialplan hits ${(rate(dial) / rate(bareLarge)).toFixed(2)} (target ≥ 0.50)`,
    );

    const fixed: Record<"sip" | "dial" | "miss", Result[]> = { sip: [], dial: [], miss: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      fixed.sip.push(await fixedRate(ports.endpoint, pick(hotUsers), auth, rate(sip) / 2));
      fixed.dial.push(await fixedRate(ports.endpoint, pick(hotCalls), auth, rate(dial) / 2));
      fixed.miss.push(await fixedRate(ports.endpoint, misses, auth, rate(miss) / 2));
    }
    const p99 = (r: Result) => r.p99;
    console.log(`\nfixed rate at half the measured throughput, median p99 of ${ROUNDS} rounds:`);
    console.log(
      `  sip_auth hits @ ${(rate(sip) / 2).toFixed(0)}/s   ${fmt(median(fixed.sip, p99))}  (target p99 ≤ 5 ms)`,
    );
    console.log(
      `  dialplan hits @ ${(rate(dial) / 2).toFixed(0)}/s   ${fmt(median(fixed.dial, p99))}  (target p99 ≤ 5 ms)`,
    );
    console.log(
      `  miss mix @ ${(rate(miss) / 2).toFixed(0)}/s        ${fmt(median(fixed.miss, p99))}  (target p99 ≤ 20 ms)`,
    );
  } finally {
    child.kill("SIGTERM");
    agent.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
