/**
 * `npm run bench:xmlcurl`: how fast the mod_xml_curl endpoint answers, against a bare
 * node:http responder measured in the same run; `npm run bench:storm` (argument "storm"):
 * only the registration storm below; `npm run bench:stages` (argument "stages"): only the hits,
 * a new connection each, through the bare responder, the endpoint's steps added one at a time
 * (xmlcurl/stageHandlers.ts) and the endpoint, as CPU per request of each.
 *
 * Seeds BENCH_DOMAINS × BENCH_EXTENSIONS (default 10,000 × 100 = 1M extensions) into its
 * own database, serves the endpoint and the bare responder from one child process pinned
 * to core BENCH_SERVER_CPU, and drives them from another core (BENCH_LOAD_CPU) over
 * loopback with replayed fixture bodies, in two connection modes:
 * - connection per request (the headline): what mod_xml_curl does, a curl_easy_init and
 *   curl_easy_cleanup per fetch. The requests carry "Connection: close", so the server closes
 *   after each answer and the load opens a new connection; the server counts the connections
 *   it accepted, and a run that accepted fewer than it answered fails the bench;
 * - keep-alive connections, the second table.
 * In each: throughput with wrk (closed loop), then latency with a paced open-loop generator at
 * a FIXED rate = half that mode's throughput, counted from each request's due time; the bare
 * responder gets the same bodies, rate and connection mode right beside it. Rounds are
 * interleaved (BENCH_ROUNDS) and the median round is reported; ratios are per round, then median.
 * Both servers are warmed alike before measuring (every hot request once, then an unmeasured
 * closed-loop run of each scenario). Every answer of every measured run is checked: a cache hit
 * must repeat the answer checked at warm-up byte for byte (the bare responder: its document), a
 * paced run checks each answer against its own request (user and domain, or context and
 * destination), and a closed-loop miss run that no answer is "not found" (all are seeded). A wrong
 * answer fails the bench. CPU per request (server process, and PostgreSQL's backends for misses)
 * comes from /proc: it changes far less than req/s when the shared machine is busy.
 *
 * The storm: a node dies and its phones (BENCH_STORM_PHONES, default 25,000: every extension of
 * domains no earlier run touched) re-register on another node at BENCH_STORM_RATE (default 1,700
 * sip_auth fetches/s), each fetch on a new connection, at most BENCH_STORM_CONNECTIONS at once
 * (FreeSWITCH's SIP worker threads): every answer checked against its phone, p50/p99, and CPU of
 * the server process and of PostgreSQL as a share of a core, to see which one runs out first.
 * Then the storm's ceiling: as many such fetches as wrk gets answered (closed loop, new
 * connections), for the users of another set of untouched domains.
 *
 * Knobs: BENCH_DOMAINS, BENCH_EXTENSIONS, BENCH_SECONDS (per run, default 4), BENCH_ROUNDS (default 5),
 * BENCH_CONNECTIONS (default 32), BENCH_MISS_CONNECTIONS (default 8), BENCH_POOL (server's pool, default 10),
 * BENCH_STORM_PHONES, BENCH_STORM_RATE, BENCH_STORM_CONNECTIONS (default 64),
 * BENCH_SERVER_CPU (default 0), BENCH_LOAD_CPU (default 1), BENCH_NICE (both, and the server's PostgreSQL backends,
 * default -10; 0 = as the machine's other work), BENCH_SERVER_NODE_FLAGS (default "--max-semi-space-size=64"; add e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
 * or "--trace-gc"),
 * BENCH_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres), BENCH_RESEED=1 to rebuild the database.
 */
import { execFileSync, fork, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { z } from "zod";
import { notFoundDocument } from "@/server/freeswitch/xml";
import { generateSecretKey } from "@/server/security/secretBox";
import { cpuSeconds, stolenSeconds } from "./processCpu";
import { writeExpectFile } from "./xmlcurl/expectations";
import { runPaced, runWrk, type LoadResult, type WrkCheck } from "./xmlcurl/loadRunners";
import { placedCommand } from "./xmlcurl/placement";
import { BenchRequests, writeRequestsFile, type BenchRequest, type ConnectionMode } from "./xmlcurl/requests";
import { benchExtensionNumber, ensureBenchDatabase } from "./xmlcurl/seed";
import type { RunStats, ServerCommand, ServerPorts } from "./xmlcurl/serve";
import { STAGE_LABELS, STAGES } from "./xmlcurl/stageHandlers";

const config = z
  .object({
    BENCH_DOMAINS: z.coerce.number().int().positive().default(10_000),
    BENCH_EXTENSIONS: z.coerce.number().int().positive().default(100),
    BENCH_SECONDS: z.coerce.number().positive().default(4),
    BENCH_ROUNDS: z.coerce.number().int().positive().default(5),
    BENCH_CONNECTIONS: z.coerce.number().int().positive().default(32),
    BENCH_MISS_CONNECTIONS: z.coerce.number().int().positive().default(8),
    BENCH_POOL: z.coerce.number().int().positive().default(10),
    BENCH_STORM_PHONES: z.coerce.number().int().positive().default(25_000),
    BENCH_STORM_RATE: z.coerce.number().positive().default(1_700),
    BENCH_STORM_CONNECTIONS: z.coerce.number().int().positive().default(64),
    BENCH_SERVER_CPU: z.string().default("0"),
    BENCH_LOAD_CPU: z.string().default("1"),
    BENCH_NICE: z.coerce.number().int().min(-20).max(19).default(-10),
    // As `npm run xmlcurl` runs the endpoint: a 64 MB young generation (see there).
    BENCH_SERVER_NODE_FLAGS: z.string().default("--max-semi-space-size=64"),
    BENCH_ADMIN_URL: z.string().default("postgresql://postgres@127.0.0.1:5432/postgres"),
    BENCH_RESEED: z.enum(["0", "1"]).default("0"),
  })
  .parse(process.env);
const only = z.enum(["storm", "stages"]).optional().parse(process.argv[2]);

// Only the bench's own rows are sealed with it; the server process inherits it.
process.env.SWITCHBOARD_SECRET_KEY ??= generateSecretKey();

const NODE = { hostname: "fs-node-01", user: "bench", secret: "bench-secret" };
const HOT_SET = 1_000;
/** More than a closed-loop miss run can use: a replayed request would be a hit. */
const MISS_REQUESTS_CLOSED = 15_000;
/** The unmeasured closed-loop run of each scenario before measuring (JIT, pools, caches). */
const WARM_SECONDS = 1;
/** Misses the storm's warm-up asks for (wrk replays them once they run out: hits then). */
const STORM_WARM_USERS = 2_000;

const rand = (n: number) => Math.floor(Math.random() * n);
const rate = (r: LoadResult) => r.requests / r.seconds;
const cpuPerRequest = (r: Measured) => r.serverCpuUs;
const uptime = () => execFileSync("uptime", { encoding: "utf8" }).trim();

/** A run with what the server side saw during it. */
type Measured = LoadResult & {
  /** Connections the server accepted during the run. */
  accepted: number;
  /** CPU per answered request: the server process, and the database's backends. */
  serverCpuUs: number;
  databaseCpuUs: number;
  /** CPU as a share of one core over the run. */
  serverBusy: number;
  databaseBusy: number;
  /** The machine's steal time over the run, as a share of all its cores. */
  stolen: number;
};

type BenchServer = {
  ports: ServerPorts;
  measure: (run: () => Promise<LoadResult>) => Promise<Measured>;
  /** What the stage servers answer from now on. */
  setStageAnswer: (answer: string) => Promise<void>;
  stop: () => Promise<void>;
};

/** Failed checks collected over the whole bench: it prints every table, then fails. */
const problems: string[] = [];

function startServer(databaseUrl: string, database: pg.Pool): Promise<BenchServer> {
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
  // The PostgreSQL backends serving the bench database (the server's pool and listener).
  const backendPids = async () =>
    (
      await database.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
      )
    ).rows.map((r) => r.pid);
  const serverPid = child.pid as number;
  const measure = async (run: () => Promise<LoadResult>): Promise<Measured> => {
    const backends = await backendPids();
    // The server waits on its queries: its backends get its priority, or on a busy machine a
    // query's time in the run queue, not the database's work, sets the pace (a miss is one query).
    // A backend that closed since it was listed makes renice fail for it alone: the others are reniced.
    if (config.BENCH_NICE !== 0 && backends.length > 0)
      spawnSync("renice", ["-n", String(config.BENCH_NICE), "-p", ...backends.map(String)], { stdio: "ignore" });
    const before = new Map(backends.map((pid) => [pid, cpuSeconds([pid])]));
    command("run:reset");
    const [server0, stolen0, started] = [cpuSeconds([serverPid]), stolenSeconds(), performance.now()];
    const result = await run();
    const [server1, stolen1, wall] = [cpuSeconds([serverPid]), stolenSeconds(), (performance.now() - started) / 1000];
    // A backend the server's pools opened during the run spent all its CPU in it.
    const databaseSpent = (await backendPids()).reduce(
      (sum, pid) => sum + cpuSeconds([pid]) - (before.get(pid) ?? 0),
      0,
    );
    const stats = new Promise<RunStats>((resolve) => child.once("message", (m) => resolve(m as RunStats)));
    command("run:read");
    const { loopMaxMs, accepted } = await stats;
    const perRequest = (seconds: number) => (seconds / Math.max(1, result.requests)) * 1e6;
    return {
      ...result,
      serverLoopMaxMs: loopMaxMs,
      accepted,
      serverCpuUs: perRequest(server1 - server0),
      databaseCpuUs: perRequest(databaseSpent),
      serverBusy: (server1 - server0) / wall,
      databaseBusy: databaseSpent / wall,
      stolen: (stolen1 - stolen0) / (wall * cpus().length),
    };
  };
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
    child.once("message", (m) =>
      resolve({
        ports: m as ServerPorts,
        measure,
        setStageAnswer: (answer) =>
          new Promise((set) => {
            child.once("message", () => set());
            command({ stageAnswer: answer });
          }),
        stop: async () => {
          child.disconnect();
          await exited;
        },
      }),
    );
  });
}

/**
 * Sends each request once over one connection and returns the answers, each checked by
 * `check` (so measuring starts from a warm cache, with answers known to be right).
 */
async function warm(
  port: number,
  requests: readonly string[],
  check: (answer: string, i: number) => boolean,
): Promise<string[]> {
  const socket = connect({ host: "127.0.0.1", port });
  const answers: string[] = [];
  for (const [i, request] of requests.entries()) {
    socket.write(request);
    const answer = await new Promise<string>((resolve) => {
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
    if (!check(answer, i)) throw new Error(`warm-up: a wrong answer on port ${port}: ${answer.slice(0, 300)}`);
    answers.push(answer);
  }
  socket.destroy();
  return answers;
}

const contains = (request: BenchRequest, answer: string) => request.answerContains.every((t) => answer.includes(t));

function median<T>(results: readonly T[], by: (r: T) => number): T {
  return [...results].sort((x, y) => by(x) - by(y))[Math.floor(results.length / 2)] as T;
}

/** Per round a ÷ b, then the median: a load burst hits both runs of a round alike. */
function roundRatio<T>(a: readonly T[], b: readonly T[], by: (r: T) => number): { median: number; text: string } {
  const ratios = a.map((r, i) => by(r) / by(b[i] as T)).sort((x, y) => x - y);
  const m = ratios[Math.floor(ratios.length / 2)] ?? NaN;
  return { median: m, text: `${m.toFixed(2)} (rounds ${ratios.map((x) => x.toFixed(2)).join(" ")})` };
}

const fmt = (r: Measured) =>
  `${rate(r).toFixed(0).padStart(6)} req/s  p50 ${r.p50Ms.toFixed(2).padStart(6)} ms  p99 ${r.p99Ms.toFixed(2).padStart(6)} ms  max ${r.maxMs.toFixed(1).padStart(6)} ms` +
  `  CPU/req ${r.serverCpuUs.toFixed(0).padStart(4)} µs` +
  (r.databaseCpuUs >= 1 ? ` + PostgreSQL ${r.databaseCpuUs.toFixed(0)} µs` : "") +
  `  conns/req ${(r.accepted / Math.max(1, r.requests)).toFixed(2)}  errors ${r.errors}  wrong ${r.wrong}` +
  `  steal ${(r.stolen * 100).toFixed(0)}%` +
  (r.sendLagP99Ms === undefined ? "" : `  sent late p99 ${r.sendLagP99Ms.toFixed(1)} ms`) +
  (r.serverLoopMaxMs === undefined ? "" : `  loop blocked max ${r.serverLoopMaxMs.toFixed(1)} ms`);

/** Records what a measured run got wrong; the bench fails at the end if anything did. */
function audit(label: string, r: Measured, mode: ConnectionMode): Measured {
  if (r.wrong > 0) problems.push(`${label}: ${r.wrong} wrong answers`);
  if (r.errors > 0) problems.push(`${label}: ${r.errors} errors`);
  // wrk may have connected a few sockets it never got to use before its time was up.
  if (mode === "close" && r.accepted < r.requests)
    problems.push(`${label}: ${r.accepted} connections for ${r.requests} answers: not one per request`);
  return r;
}

/** A requests file and how its answers are checked: by wrk (the set), by the paced run (each its own). */
type Scenario = { file: string; wrk: WrkCheck; expect: string };
type Scenarios = Record<"users" | "calls" | "bareUsers" | "bareCalls", Scenario>;
type ModeResult = {
  mode: ConnectionMode;
  closed: Record<"bareUsers" | "sip" | "bareCalls" | "dial" | "miss", Measured[]>;
  fixed: Record<"sip" | "bareSip" | "dial" | "bareDial" | "miss", Measured[]>;
  rates: { sip: number; dial: number; miss: number };
  loadBefore: string;
  loadAfter: string;
};

async function main(): Promise<void> {
  const dbName = `sb_bench_xmlcurl_${config.BENCH_DOMAINS}x${config.BENCH_EXTENSIONS}`;
  const databaseUrl = await ensureBenchDatabase(
    config.BENCH_ADMIN_URL,
    // Per scale, so a quick small run does not replace the 1M-row database.
    dbName,
    { domains: config.BENCH_DOMAINS, extensions: config.BENCH_EXTENSIONS },
    NODE,
    config.BENCH_RESEED === "1",
  );
  const database = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const dir = mkdtempSync(join(tmpdir(), "bench-xmlcurl-"));
  const server = await startServer(databaseUrl, database);
  const { ports } = server;
  const requests = new BenchRequests(`Basic ${Buffer.from(`${NODE.user}:${NODE.secret}`).toString("base64")}`);
  const { BENCH_DOMAINS: domains, BENCH_EXTENSIONS: extensions, BENCH_SECONDS: seconds } = config;
  const load = { cpu: config.BENCH_LOAD_CPU, nice: config.BENCH_NICE };
  let files = 0;
  const file = (list: readonly BenchRequest[], mode: ConnectionMode) =>
    writeRequestsFile(
      join(dir, `${files++}.req`),
      list.map((r) => requests.http(r, mode)),
    );
  const expectFile = (expectations: string[][]) => writeExpectFile(join(dir, `${files++}.expect`), expectations);

  // The storm's domains (two sets: the paced storm and its ceiling) are kept out of every
  // other run, so their gates and users are first asked for by the storm.
  const stormDomains = Math.min(Math.ceil(config.BENCH_STORM_PHONES / extensions), Math.floor(domains / 4));
  const otherDomains = domains - 2 * stormDomains;
  // Every miss request is for a user or call no earlier request asked for.
  const used = new Set<string>();
  const fresh = (key: string) => !used.has(key) && Boolean(used.add(key));
  const missList = (count: number) => {
    const list: BenchRequest[] = [];
    // Half REGISTERs, half calls (80% to an extension, 20% out through the route: 02–09…, national
    // numbers every extension may dial, so every answer is a bridge).
    while (list.length < count) {
      const [d, a, b] = [rand(otherDomains), rand(extensions), rand(extensions)];
      if (Math.random() < 0.5) {
        if (fresh(`u${d}:${a}`)) list.push(requests.sipAuth(d, a));
      } else {
        const to = Math.random() < 0.8 ? benchExtensionNumber(b) : `0${rand(8) + 2}${rand(1e7)}`;
        if (fresh(`c${d}:${a}:${to}`)) list.push(requests.dialplan(d, a, to));
      }
    }
    return list;
  };

  const modes: ModeResult[] = [];
  try {
    if (only !== "storm") {
      const hotUsers: BenchRequest[] = [];
      while (hotUsers.length < HOT_SET) {
        const [d, e] = [rand(otherDomains), rand(extensions)];
        if (fresh(`u${d}:${e}`)) hotUsers.push(requests.sipAuth(d, e));
      }
      const hotCalls: BenchRequest[] = [];
      while (hotCalls.length < HOT_SET) {
        const [d, from, to] = [rand(otherDomains), rand(extensions), rand(extensions)];
        if (fresh(`c${d}:${from}:${to}`)) hotCalls.push(requests.dialplan(d, from, benchExtensionNumber(to)));
      }
      const hot = [...hotUsers, ...hotCalls];
      const hotHttp = hot.map((r) => requests.http(r, "keep-alive"));
      const answers = await warm(ports.endpoint, hotHttp, (a, i) => contains(hot[i] as BenchRequest, a));
      await warm(ports.bare, hotHttp, (a) => a === notFoundDocument);
      const bodies = (from: number, to: number) =>
        ({ bodiesFile: writeRequestsFile(join(dir, `${files++}.bodies`), answers.slice(from, to)) }) as const;
      const bareBodies = { bodiesFile: writeRequestsFile(join(dir, `${files++}.bodies`), [notFoundDocument]) };
      const expectOf = (list: readonly BenchRequest[]) => expectFile(list.map((r) => r.answerContains));
      const scenarios = (mode: ConnectionMode): Scenarios => {
        const [usersFile, callsFile] = [file(hotUsers, mode), file(hotCalls, mode)];
        const bareExpect = expectFile(hotUsers.map(() => [notFoundDocument]));
        return {
          users: { file: usersFile, wrk: bodies(0, HOT_SET), expect: expectOf(hotUsers) },
          calls: { file: callsFile, wrk: bodies(HOT_SET, 2 * HOT_SET), expect: expectOf(hotCalls) },
          bareUsers: { file: usersFile, wrk: bareBodies, expect: bareExpect },
          bareCalls: { file: callsFile, wrk: bareBodies, expect: bareExpect },
        };
      };
      if (only === "stages") {
        const close = scenarios("close");
        // The stages answer the first hot request's answer: the size the endpoint sends.
        const sample = (from: number) => ({ request: hot[from] as BenchRequest, answer: answers[from] as string });
        printStages([
          await measureStages("sip_auth hits (REGISTER bodies)", close.users, close.bareUsers, sample(0)),
          await measureStages("dialplan hits (INVITE bodies)", close.calls, close.bareCalls, sample(HOT_SET)),
        ]);
      } else
        for (const mode of ["close", "keep-alive"] as const)
          modes.push(await measureMode(mode, scenarios(mode), missList, expectOf));
    }
    if (only !== "stages") printTables(modes, await measureStorm(stormDomains, otherDomains));
  } finally {
    await server.stop();
    await database.end();
    rmSync(dir, { recursive: true, force: true });
  }
  if (problems.length > 0) {
    console.error(`\nFAILED checks:\n  ${problems.join("\n  ")}`);
    process.exitCode = 1;
  }

  async function measureMode(
    mode: ConnectionMode,
    s: Scenarios,
    misses: (count: number) => BenchRequest[],
    expectOf: (list: readonly BenchRequest[]) => string,
  ): Promise<ModeResult> {
    const c = config.BENCH_CONNECTIONS;
    const closedLoop = (
      label: string,
      port: number,
      scenario: Pick<Scenario, "file" | "wrk">,
      connections: number,
      runSeconds = seconds,
    ) =>
      server
        .measure(() => runWrk(load, port, scenario.file, runSeconds, connections, false, scenario.wrk))
        .then((r) => audit(`${mode} ${label}`, r, mode));
    // Both servers warmed alike, in this mode: a cold first round skewed its ratio.
    for (const [port, scenario] of [
      [ports.bare, s.bareUsers],
      [ports.endpoint, s.users],
      [ports.bare, s.bareCalls],
      [ports.endpoint, s.calls],
    ] as const)
      await closedLoop("warm-up", port, scenario, c, WARM_SECONDS);

    const loadBefore = uptime();
    const closed: ModeResult["closed"] = { bareUsers: [], sip: [], bareCalls: [], dial: [], miss: [] };
    for (let round = 1; round <= config.BENCH_ROUNDS; round++) {
      // The bare responder gets the same bodies as the scenario it is compared with, right
      // before or after it (alternating), so each round's ratio sees the same machine load.
      const pair = async (label: string, endpoint: Scenario, bare: Scenario, into: [Measured[], Measured[]]) => {
        if (round % 2) into[0].push(await closedLoop(`bare ${label}`, ports.bare, bare, c));
        into[1].push(await closedLoop(label, ports.endpoint, endpoint, c));
        if (!(round % 2)) into[0].push(await closedLoop(`bare ${label}`, ports.bare, bare, c));
      };
      await pair("sip_auth", s.users, s.bareUsers, [closed.bareUsers, closed.sip]);
      await pair("dialplan", s.calls, s.bareCalls, [closed.bareCalls, closed.dial]);
      const missFile = file(misses(MISS_REQUESTS_CLOSED), mode);
      const miss = await closedLoop(
        "misses",
        ports.endpoint,
        { file: missFile, wrk: "found" },
        config.BENCH_MISS_CONNECTIONS,
      );
      if (miss.requests > MISS_REQUESTS_CLOSED)
        console.warn(`  (miss run replayed requests: raise MISS_REQUESTS_CLOSED)`);
      closed.miss.push(miss);
      const last = (r: Measured[]) => {
        const l = r.at(-1) as Measured;
        return `${rate(l).toFixed(0)}/s ${l.serverCpuUs.toFixed(0)} µs`;
      };
      console.log(
        `${mode} closed round ${round} (req/s, server CPU/req): bare ${last(closed.bareUsers)}, sip_auth ${last(closed.sip)}, bare INVITE-sized ${last(closed.bareCalls)}, dialplan ${last(closed.dial)}, misses ${last(closed.miss)}`,
      );
    }

    const paced = (label: string, port: number, scenario: Scenario, ratePerSecond: number, connections: number) =>
      server
        .measure(() =>
          runPaced(load, {
            port,
            requestsFile: scenario.file,
            expectFile: scenario.expect,
            ratePerSecond,
            seconds,
            connections,
            newConnectionPerRequest: mode === "close",
          }),
        )
        .then((r) => audit(`${mode} fixed ${label}`, r, mode));
    const fixed: ModeResult["fixed"] = { sip: [], bareSip: [], dial: [], bareDial: [], miss: [] };
    const by = (key: keyof ModeResult["closed"]) => rate(median(closed[key], rate)) / 2;
    const rates = { sip: by("sip"), dial: by("dial"), miss: by("miss") };
    for (let round = 1; round <= config.BENCH_ROUNDS; round++) {
      fixed.sip.push(await paced("sip_auth", ports.endpoint, s.users, rates.sip, c));
      fixed.bareSip.push(await paced("bare sip_auth", ports.bare, s.bareUsers, rates.sip, c));
      fixed.dial.push(await paced("dialplan", ports.endpoint, s.calls, rates.dial, c));
      fixed.bareDial.push(await paced("bare dialplan", ports.bare, s.bareCalls, rates.dial, c));
      const missList = misses(Math.ceil(rates.miss * seconds));
      fixed.miss.push(
        await paced(
          "misses",
          ports.endpoint,
          { file: file(missList, mode), wrk: "found", expect: expectOf(missList) },
          rates.miss,
          config.BENCH_MISS_CONNECTIONS,
        ),
      );
      const last = (r: Measured[]) => {
        const l = r.at(-1) as Measured;
        return `${l.p99Ms.toFixed(1)} ms [loop ${l.serverLoopMaxMs?.toFixed(0)}]`;
      };
      console.log(
        `${mode} fixed round ${round}: p99 [server loop blocked max] sip_auth ${last(fixed.sip)}, bare ${last(fixed.bareSip)}; dialplan ${last(fixed.dial)}, bare ${last(fixed.bareDial)}; misses ${last(fixed.miss)}`,
      );
    }
    return { mode, closed, fixed, rates, loadBefore, loadAfter: uptime() };
  }

  /**
   * One scenario's hits on a new connection each, through the bare responder, every stage and
   * the endpoint, in interleaved rounds: CPU per request of each, median over the rounds.
   */
  async function measureStages(
    title: string,
    endpoint: Scenario,
    bare: Scenario,
    { request, answer }: { request: BenchRequest; answer: string },
  ) {
    await server.setStageAnswer(answer);
    const answerCheck = { bodiesFile: writeRequestsFile(join(dir, `${files++}.bodies`), [answer]) };
    const runs = [
      {
        label: `bare: a constant ${Buffer.byteLength(notFoundDocument)}-byte document`,
        port: ports.bare,
        scenario: bare,
      },
      ...STAGES.map((stage) => ({
        label: STAGE_LABELS[stage],
        port: ports.stages[stage],
        scenario: { file: endpoint.file, wrk: answerCheck },
      })),
      { label: "endpoint: + cache lookup, metrics, the rest", port: ports.endpoint, scenario: endpoint },
    ];
    const closedLoop = (run: (typeof runs)[number], runSeconds: number) =>
      server
        .measure(() =>
          runWrk(load, run.port, run.scenario.file, runSeconds, config.BENCH_CONNECTIONS, false, run.scenario.wrk),
        )
        .then((r) => audit(`stages ${run.label}`, r, "close"));
    for (const run of runs) await closedLoop(run, WARM_SECONDS);
    const rows = runs.map((run) => ({ ...run, results: [] as Measured[] }));
    for (let round = 1; round <= config.BENCH_ROUNDS; round++)
      // Alternating order, so a load burst does not always fall on the same end of the list.
      for (const row of round % 2 ? rows : [...rows].reverse()) row.results.push(await closedLoop(row, seconds));
    const [bareRow, endpointRow] = [rows[0], rows.at(-1)] as [(typeof rows)[number], (typeof rows)[number]];
    return {
      title,
      requestBytes: Buffer.byteLength(request.body),
      requestFields: request.body.split("&").length,
      answerBytes: Buffer.byteLength(answer),
      rows,
      endpointToBare: roundRatio(endpointRow.results, bareRow.results, rate),
    };
  }

  function printStages(results: Awaited<ReturnType<typeof measureStages>>[]): void {
    console.log(
      `\nWHERE A CACHE HIT'S CPU GOES: a new connection per request, wrk with ${config.BENCH_CONNECTIONS} connections; median of ${config.BENCH_ROUNDS} rounds × ${seconds} s; server on cpu ${config.BENCH_SERVER_CPU}, load on cpu ${load.cpu}`,
    );
    for (const r of results) {
      console.log(
        `\n${r.title}: request body ${r.requestBytes} bytes in ${r.requestFields} fields, answer ${r.answerBytes} bytes`,
      );
      let previous: number | null = null;
      for (const row of r.rows) {
        const us = cpuPerRequest(median(row.results, cpuPerRequest));
        const added = previous === null ? "" : `${us - previous >= 0 ? "+" : ""}${(us - previous).toFixed(0)} µs`;
        console.log(
          `  ${row.label.padEnd(48)} CPU/req ${us.toFixed(0).padStart(4)} µs ${added.padStart(8)}   ${rate(median(row.results, rate)).toFixed(0).padStart(5)} req/s  (rounds ${row.results.map((x) => cpuPerRequest(x).toFixed(0)).join(" ")}; steal ${row.results.map((x) => `${(x.stolen * 100).toFixed(0)}%`).join(" ")})`,
        );
        previous = us;
      }
      const bare = cpuPerRequest(median(r.rows[0]?.results ?? [], cpuPerRequest));
      console.log(
        `  endpoint ÷ bare (req/s), median of the rounds' ratios: ${r.endpointToBare.text}; a ratio of 0.8 leaves ${(bare / 0.8 - bare).toFixed(0)} µs over bare`,
      );
    }
    console.log(`  load: ${uptime()}`);
  }

  async function measureStorm(stormDomainCount: number, firstDomain: number) {
    const phonesOf = (from: number) => {
      const list: BenchRequest[] = [];
      for (let d = from; d < from + stormDomainCount; d++)
        for (let e = 0; e < extensions; e++) list.push(requests.sipAuth(d, e));
      // Phones come back in no order: domains and users interleave.
      for (let i = list.length - 1; i > 0; i--) {
        const j = rand(i + 1);
        [list[i], list[j]] = [list[j] as BenchRequest, list[i] as BenchRequest];
      }
      return list;
    };
    const phones = phonesOf(firstDomain);
    // The node that takes the phones has been serving for a while: a warm process (JIT, pools),
    // whatever ran before. Warmed on misses of other domains, so the storm's own stay cold.
    // Tries are bounded: after the other runs a small scale may have few fresh users left.
    const warmUsers: BenchRequest[] = [];
    for (let tries = 0; warmUsers.length < STORM_WARM_USERS && tries < 20 * STORM_WARM_USERS; tries++) {
      const [d, e] = [rand(otherDomains), rand(extensions)];
      if (fresh(`u${d}:${e}`)) warmUsers.push(requests.sipAuth(d, e));
    }
    audit(
      "storm warm-up",
      await server.measure(() =>
        runWrk(
          load,
          ports.endpoint,
          file(warmUsers, "close"),
          WARM_SECONDS,
          config.BENCH_MISS_CONNECTIONS,
          false,
          "found",
        ),
      ),
      "close",
    );
    const loadBefore = uptime();
    const stormRate = config.BENCH_STORM_RATE;
    const storm = audit(
      "storm",
      await server.measure(() =>
        runPaced(load, {
          port: ports.endpoint,
          requestsFile: file(phones, "close"),
          expectFile: expectFile(phones.map((p) => p.answerContains)),
          ratePerSecond: stormRate,
          seconds: phones.length / stormRate,
          connections: config.BENCH_STORM_CONNECTIONS,
          newConnectionPerRequest: true,
        }),
      ),
      "close",
    );
    const ceilingPhones = phonesOf(firstDomain + stormDomainCount);
    const ceiling = audit(
      "storm ceiling",
      await server.measure(() =>
        runWrk(
          load,
          ports.endpoint,
          file(ceilingPhones, "close"),
          seconds,
          config.BENCH_STORM_CONNECTIONS,
          false,
          "found",
        ),
      ),
      "close",
    );
    if (ceiling.requests > ceilingPhones.length) console.warn("  (storm ceiling replayed phones: some were hits)");
    return {
      phones: phones.length,
      domains: stormDomainCount,
      rate: stormRate,
      storm,
      ceiling,
      loadBefore,
      loadAfter: uptime(),
    };
  }

  function printTables(results: ModeResult[], storm: Awaited<ReturnType<typeof measureStorm>>): void {
    const rounds = `median of ${config.BENCH_ROUNDS} rounds × ${seconds} s`;
    console.log(
      `\n${domains} domains × ${extensions} extensions; server on cpu ${config.BENCH_SERVER_CPU}, load on cpu ${load.cpu}, nice ${load.nice}; CPU/req = server process CPU per answered request; steal = time the hypervisor took from this machine's cores during the run`,
    );
    for (const m of results) {
      const title =
        m.mode === "close"
          ? "CONNECTION PER REQUEST (as mod_xml_curl: new connection per fetch)"
          : "KEEP-ALIVE connections";
      const ratioTarget = m.mode === "close" ? 0.8 : 0.5;
      const closed = (k: keyof ModeResult["closed"]) => median(m.closed[k], rate);
      const p99 = (r: Measured) => r.p99Ms;
      const fixed = (k: keyof ModeResult["fixed"]) => median(m.fixed[k], p99);
      const sipRatio = roundRatio(m.closed.sip, m.closed.bareUsers, rate);
      const dialRatio = roundRatio(m.closed.dial, m.closed.bareCalls, rate);
      const sipTail = roundRatio(m.fixed.sip, m.fixed.bareSip, p99);
      const dialTail = roundRatio(m.fixed.dial, m.fixed.bareDial, p99);
      console.log(`\n${title}; ${rounds}`);
      console.log(`  load before: ${m.loadBefore}`);
      console.log(`  load after:  ${m.loadAfter}`);
      console.log(
        `closed loop (wrk, ${config.BENCH_CONNECTIONS} connections; misses ${config.BENCH_MISS_CONNECTIONS}):`,
      );
      console.log(`  bare, REGISTER bodies   ${fmt(closed("bareUsers"))}`);
      console.log(`  sip_auth hits           ${fmt(closed("sip"))}`);
      console.log(`  bare, INVITE bodies     ${fmt(closed("bareCalls"))}`);
      console.log(`  dialplan hits           ${fmt(closed("dial"))}`);
      console.log(`  miss mix                ${fmt(closed("miss"))}`);
      console.log(
        `ratio to bare (req/s), median of the rounds' ratios: sip_auth hits ${sipRatio.text}, dialplan hits ${dialRatio.text} (target ≥ ${ratioTarget.toFixed(2)})`,
      );
      console.log(`fixed rate = half the closed-loop throughput (paced, latency from due time; median p99):`);
      console.log(
        `  sip_auth hits @ ${m.rates.sip.toFixed(0).padStart(5)}/s  ${fmt(fixed("sip"))}  (target p99 ≤ 5 ms)`,
      );
      console.log(`  bare          @ ${m.rates.sip.toFixed(0).padStart(5)}/s  ${fmt(fixed("bareSip"))}`);
      console.log(
        `  dialplan hits @ ${m.rates.dial.toFixed(0).padStart(5)}/s  ${fmt(fixed("dial"))}  (target p99 ≤ 5 ms)`,
      );
      console.log(`  bare          @ ${m.rates.dial.toFixed(0).padStart(5)}/s  ${fmt(fixed("bareDial"))}`);
      console.log(
        `  miss mix      @ ${m.rates.miss.toFixed(0).padStart(5)}/s  ${fmt(fixed("miss"))}  (target p99 ≤ 20 ms)`,
      );
      console.log(
        `p99 ÷ bare's p99 in the same round, median: sip_auth ${sipTail.text}, dialplan ${dialTail.text} (target ≤ 1.50)`,
      );
    }
    const busy = (r: Measured) =>
      `server ${(r.serverBusy * 100).toFixed(0)}% of a core, PostgreSQL ${(r.databaseBusy * 100).toFixed(0)}%`;
    console.log(
      `\nREGISTRATION STORM: ${storm.phones} phones (${storm.domains} domains never asked for) re-register, one sip_auth fetch each on a new connection, at most ${config.BENCH_STORM_CONNECTIONS} at once; pool ${config.BENCH_POOL}`,
    );
    console.log(`  load before: ${storm.loadBefore}`);
    console.log(`  load after:  ${storm.loadAfter}`);
    console.log(`  storm @ ${storm.rate.toFixed(0)}/s     ${fmt(storm.storm)}  (target: wrong 0, p99 ≤ 20 ms)`);
    console.log(`                      ${busy(storm.storm)}`);
    console.log(`  ceiling (wrk)      ${fmt(storm.ceiling)}`);
    console.log(`                      ${busy(storm.ceiling)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
