/**
 * `npm run bench:xmlcurl`: how fast the mod_xml_curl endpoint answers, against a bare
 * node:http responder measured in the same run.
 *
 * Seeds BENCH_DOMAINS × BENCH_EXTENSIONS (default 10,000 × 100 = 1M extensions) into its
 * own database, serves the endpoint and the bare responder from one child process pinned
 * to core BENCH_SERVER_CPU, and drives them from another core (BENCH_LOAD_CPU) over
 * keep-alive loopback connections with replayed fixture bodies:
 * - throughput: wrk, closed loop;
 * - latency: a paced open-loop generator at a FIXED rate = half the measured throughput,
 *   latency counted from each request's due time; the bare responder gets the same rate.
 * Scenarios are interleaved over BENCH_ROUNDS rounds and the median round is reported.
 *
 * Knobs: BENCH_DOMAINS, BENCH_EXTENSIONS, BENCH_SECONDS (per run, default 4), BENCH_ROUNDS (default 5),
 * BENCH_CONNECTIONS (default 32), BENCH_MISS_CONNECTIONS (default 8), BENCH_POOL (server's pool, default 10),
 * BENCH_SERVER_CPU (default 0), BENCH_LOAD_CPU (default 1), BENCH_NICE (both, default -10; 0 = as the machine's
 * other work), BENCH_SERVER_NODE_FLAGS (default "--max-semi-space-size=64"; add e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
 * or "--trace-gc"),
 * BENCH_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres), BENCH_RESEED=1 to rebuild the database.
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { notFoundDocument } from "@/server/freeswitch/xml";
import { generateSecretKey } from "@/server/security/secretBox";
import { runPaced, runWrk, type LoadResult } from "./xmlcurl/loadRunners";
import { placedCommand } from "./xmlcurl/placement";
import { BenchRequests, writeRequestsFile } from "./xmlcurl/requests";
import { benchExtensionNumber, ensureBenchDatabase } from "./xmlcurl/seed";
import type { LoopDelay, ServerCommand, ServerPorts } from "./xmlcurl/serve";

const config = z
  .object({
    BENCH_DOMAINS: z.coerce.number().int().positive().default(10_000),
    BENCH_EXTENSIONS: z.coerce.number().int().positive().default(100),
    BENCH_SECONDS: z.coerce.number().positive().default(4),
    BENCH_ROUNDS: z.coerce.number().int().positive().default(5),
    BENCH_CONNECTIONS: z.coerce.number().int().positive().default(32),
    BENCH_MISS_CONNECTIONS: z.coerce.number().int().positive().default(8),
    BENCH_POOL: z.coerce.number().int().positive().default(10),
    BENCH_SERVER_CPU: z.string().default("0"),
    BENCH_LOAD_CPU: z.string().default("1"),
    BENCH_NICE: z.coerce.number().int().min(-20).max(19).default(-10),
    // As `npm run xmlcurl` runs the endpoint: a 64 MB young generation (see there).
    BENCH_SERVER_NODE_FLAGS: z.string().default("--max-semi-space-size=64"),
    BENCH_ADMIN_URL: z.string().default("postgresql://postgres@127.0.0.1:5432/postgres"),
    BENCH_RESEED: z.enum(["0", "1"]).default("0"),
  })
  .parse(process.env);

// Only the bench's own rows are sealed with it; the server process inherits it.
process.env.SWITCHBOARD_SECRET_KEY ??= generateSecretKey();

const NODE = { hostname: "fs-node-01", user: "bench", secret: "bench-secret" };
const HOT_SET = 1_000;
/** More than a closed-loop miss run can use: a replayed request would be a hit. */
const MISS_REQUESTS_CLOSED = 15_000;

const rand = (n: number) => Math.floor(Math.random() * n);
const rate = (r: LoadResult) => r.requests / r.seconds;

type BenchServer = {
  ports: ServerPorts;
  /** `run`, with the server's longest event-loop block during it. */
  measure: (run: () => Promise<LoadResult>) => Promise<LoadResult>;
  stop: () => Promise<void>;
};

function startServer(databaseUrl: string): Promise<BenchServer> {
  const nodeFlags = config.BENCH_SERVER_NODE_FLAGS.split(" ").filter(Boolean);
  const [execPath, ...execArgv] = placedCommand({ cpu: config.BENCH_SERVER_CPU, nice: config.BENCH_NICE }, [
    process.execPath,
    ...nodeFlags,
    "--import",
    "tsx",
  ]);
  const child = fork(join(import.meta.dirname, "xmlcurl", "serve.ts"), [], {
    execPath,
    execArgv,
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_POOL: String(config.BENCH_POOL) },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const command = (c: ServerCommand) => child.send(c);
  const measure = async (run: () => Promise<LoadResult>) => {
    command("loop-delay:reset");
    const result = await run();
    const delay = new Promise<LoopDelay>((resolve) => child.once("message", (m) => resolve(m as LoopDelay)));
    command("loop-delay:read");
    return { ...result, serverLoopMaxMs: (await delay).maxMs };
  };
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
    child.once("message", (m) =>
      resolve({
        ports: m as ServerPorts,
        measure,
        stop: async () => {
          child.disconnect();
          await exited;
        },
      }),
    );
  });
}

/** Loads every hot request once (so measuring starts from a warm cache) and checks each is answered for real. */
async function warm(port: number, requests: readonly string[]): Promise<void> {
  const socket = connect({ host: "127.0.0.1", port });
  for (const request of requests) {
    socket.write(request);
    const response = await new Promise<string>((resolve) => {
      let received = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        const headerEnd = received.indexOf("\r\n\r\n");
        if (headerEnd === -1) return;
        const length = Number(/content-length:\s*(\d+)/i.exec(received.toString("latin1", 0, headerEnd))?.[1] ?? 0);
        if (received.length < headerEnd + 4 + length) return;
        socket.off("data", onData);
        resolve(received.toString("utf8", headerEnd + 4));
      };
      socket.on("data", onData);
    });
    if (response === notFoundDocument) throw new Error(`warm-up answered "not found" for a seeded request`);
  }
  socket.destroy();
}

/** Per round endpoint ÷ bare, then the median: a load burst hits both runs of a round alike. */
function ratio(endpoint: readonly LoadResult[], bare: readonly LoadResult[]): string {
  const ratios = endpoint.map((r, i) => rate(r) / rate(bare[i] as LoadResult)).sort((x, y) => x - y);
  return `${(ratios[Math.floor(ratios.length / 2)] ?? NaN).toFixed(2)} (rounds ${ratios.map((x) => x.toFixed(2)).join(" ")})`;
}

function median(results: readonly LoadResult[], by: (r: LoadResult) => number): LoadResult {
  return [...results].sort((x, y) => by(x) - by(y))[Math.floor(results.length / 2)] as LoadResult;
}

const fmt = (r: LoadResult) =>
  `${rate(r).toFixed(0).padStart(7)} req/s  p50 ${r.p50Ms.toFixed(2).padStart(6)} ms  p99 ${r.p99Ms.toFixed(2).padStart(6)} ms  max ${r.maxMs.toFixed(1).padStart(6)} ms  errors ${r.errors}` +
  (r.sendLagP99Ms === undefined ? "" : `  sent late p99 ${r.sendLagP99Ms.toFixed(1)} ms`) +
  (r.serverLoopMaxMs === undefined ? "" : `  server loop blocked max ${r.serverLoopMaxMs.toFixed(1)} ms`);

async function main(): Promise<void> {
  const databaseUrl = await ensureBenchDatabase(
    config.BENCH_ADMIN_URL,
    // Per scale, so a quick small run does not replace the 1M-row database.
    `sb_bench_xmlcurl_${config.BENCH_DOMAINS}x${config.BENCH_EXTENSIONS}`,
    { domains: config.BENCH_DOMAINS, extensions: config.BENCH_EXTENSIONS },
    NODE,
    config.BENCH_RESEED === "1",
  );
  const dir = mkdtempSync(join(tmpdir(), "bench-xmlcurl-"));
  const server = await startServer(databaseUrl);
  const { ports } = server;
  const requests = new BenchRequests(`Basic ${Buffer.from(`${NODE.user}:${NODE.secret}`).toString("base64")}`);
  const { BENCH_DOMAINS: domains, BENCH_EXTENSIONS: extensions, BENCH_SECONDS: seconds } = config;
  const load = { cpu: config.BENCH_LOAD_CPU, nice: config.BENCH_NICE };

  // Every miss request is for a user or call no earlier request asked for.
  const used = new Set<string>();
  const fresh = (key: string) => !used.has(key) && Boolean(used.add(key));
  const hotUsers: string[] = [];
  while (hotUsers.length < HOT_SET) {
    const [d, e] = [rand(domains), rand(extensions)];
    if (fresh(`u${d}:${e}`)) hotUsers.push(requests.sipAuth(d, e));
  }
  const hotCalls: string[] = [];
  while (hotCalls.length < HOT_SET) {
    const [d, from, to] = [rand(domains), rand(extensions), rand(extensions)];
    if (fresh(`c${d}:${from}:${to}`)) hotCalls.push(requests.dialplan(d, from, benchExtensionNumber(to)));
  }
  let missFiles = 0;
  // Half REGISTERs, half calls (80% to an extension, 20% outbound via the routes).
  const missFile = (count: number) => {
    const list: string[] = [];
    while (list.length < count) {
      const [d, a, b] = [rand(domains), rand(extensions), rand(extensions)];
      if (Math.random() < 0.5) {
        if (fresh(`u${d}:${a}`)) list.push(requests.sipAuth(d, a));
      } else {
        const to = Math.random() < 0.8 ? benchExtensionNumber(b) : `0${rand(9) + 1}${rand(1e7)}`;
        if (fresh(`c${d}:${a}:${to}`)) list.push(requests.dialplan(d, a, to));
      }
    }
    return writeRequestsFile(join(dir, `miss-${missFiles++}.req`), list);
  };
  const usersFile = writeRequestsFile(join(dir, "users.req"), hotUsers);
  const callsFile = writeRequestsFile(join(dir, "calls.req"), hotCalls);

  try {
    await warm(ports.endpoint, [...hotUsers, ...hotCalls]);
    const c = config.BENCH_CONNECTIONS;
    const closedLoop = (port: number, requestsFile: string, connections: number) =>
      server.measure(() => runWrk(load, port, requestsFile, seconds, connections));
    const closed = {
      bareUsers: [] as LoadResult[],
      sip: [] as LoadResult[],
      bareCalls: [] as LoadResult[],
      dial: [] as LoadResult[],
      miss: [] as LoadResult[],
    };
    for (let round = 1; round <= config.BENCH_ROUNDS; round++) {
      // The bare responder gets the same bodies as the scenario it is compared with, right
      // before or after it (alternating), so each round's ratio sees the same machine load.
      const pair = async (file: string, bare: LoadResult[], endpoint: LoadResult[]) => {
        if (round % 2) bare.push(await closedLoop(ports.bare, file, c));
        endpoint.push(await closedLoop(ports.endpoint, file, c));
        if (!(round % 2)) bare.push(await closedLoop(ports.bare, file, c));
      };
      await pair(usersFile, closed.bareUsers, closed.sip);
      await pair(callsFile, closed.bareCalls, closed.dial);
      const miss = await closedLoop(ports.endpoint, missFile(MISS_REQUESTS_CLOSED), config.BENCH_MISS_CONNECTIONS);
      if (miss.requests > MISS_REQUESTS_CLOSED)
        console.warn(`  (miss run replayed requests: raise MISS_REQUESTS_CLOSED)`);
      closed.miss.push(miss);
      const last = (r: LoadResult[]) => rate(r.at(-1) as LoadResult).toFixed(0);
      console.log(
        `closed round ${round}: bare ${last(closed.bareUsers)}/s, sip_auth ${last(closed.sip)}/s, bare INVITE-sized ${last(closed.bareCalls)}/s, dialplan ${last(closed.dial)}/s, misses ${last(closed.miss)}/s`,
      );
    }
    const [bareUsers, sip, bareCalls, dial, miss] = Object.values(closed).map((r) => median(r, rate)) as [
      LoadResult,
      LoadResult,
      LoadResult,
      LoadResult,
      LoadResult,
    ];

    const paced = (port: number, requestsFile: string, ratePerSecond: number, connections: number) =>
      server.measure(() => runPaced(load, { port, requestsFile, ratePerSecond, seconds, connections }));
    const fixed = {
      sip: [] as LoadResult[],
      bareSip: [] as LoadResult[],
      dial: [] as LoadResult[],
      bareDial: [] as LoadResult[],
      miss: [] as LoadResult[],
    };
    const [sipRate, dialRate, missRate] = [rate(sip) / 2, rate(dial) / 2, rate(miss) / 2];
    for (let round = 1; round <= config.BENCH_ROUNDS; round++) {
      fixed.sip.push(await paced(ports.endpoint, usersFile, sipRate, c));
      fixed.bareSip.push(await paced(ports.bare, usersFile, sipRate, c));
      fixed.dial.push(await paced(ports.endpoint, callsFile, dialRate, c));
      fixed.bareDial.push(await paced(ports.bare, callsFile, dialRate, c));
      fixed.miss.push(
        await paced(ports.endpoint, missFile(Math.ceil(missRate * seconds)), missRate, config.BENCH_MISS_CONNECTIONS),
      );
      const last = (r: LoadResult[]) => {
        const l = r.at(-1) as LoadResult;
        return `${l.p99Ms.toFixed(1)} ms [loop ${l.serverLoopMaxMs?.toFixed(0)}]`;
      };
      console.log(
        `fixed round ${round}: p99 [server loop blocked max] sip_auth ${last(fixed.sip)}, bare ${last(fixed.bareSip)}; dialplan ${last(fixed.dial)}, bare ${last(fixed.bareDial)}; misses ${last(fixed.miss)}`,
      );
    }
    const p99 = (r: LoadResult) => r.p99Ms;

    console.log(
      `\n${domains} domains × ${extensions} extensions; median of ${config.BENCH_ROUNDS} rounds × ${seconds} s; server on cpu ${config.BENCH_SERVER_CPU}, load on cpu ${load.cpu}, nice ${load.nice}`,
    );
    console.log(`closed loop (wrk, ${c} connections; misses ${config.BENCH_MISS_CONNECTIONS}):`);
    console.log(`  bare, REGISTER bodies   ${fmt(bareUsers)}`);
    console.log(`  sip_auth hits           ${fmt(sip)}`);
    console.log(`  bare, INVITE bodies     ${fmt(bareCalls)}`);
    console.log(`  dialplan hits           ${fmt(dial)}`);
    console.log(`  miss mix                ${fmt(miss)}`);
    console.log(
      `ratio to bare, median of the rounds' ratios: sip_auth hits ${ratio(closed.sip, closed.bareUsers)}, dialplan hits ${ratio(closed.dial, closed.bareCalls)} (target ≥ 0.50)`,
    );
    console.log(`fixed rate = half the closed-loop throughput (paced, latency from due time; median p99):`);
    console.log(
      `  sip_auth hits @ ${sipRate.toFixed(0).padStart(5)}/s  ${fmt(median(fixed.sip, p99))}  (target p99 ≤ 5 ms)`,
    );
    console.log(`  bare          @ ${sipRate.toFixed(0).padStart(5)}/s  ${fmt(median(fixed.bareSip, p99))}`);
    console.log(
      `  dialplan hits @ ${dialRate.toFixed(0).padStart(5)}/s  ${fmt(median(fixed.dial, p99))}  (target p99 ≤ 5 ms)`,
    );
    console.log(`  bare          @ ${dialRate.toFixed(0).padStart(5)}/s  ${fmt(median(fixed.bareDial, p99))}`);
    console.log(
      `  miss mix      @ ${missRate.toFixed(0).padStart(5)}/s  ${fmt(median(fixed.miss, p99))}  (target p99 ≤ 20 ms)`,
    );
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
