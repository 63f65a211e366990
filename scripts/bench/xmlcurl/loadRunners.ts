import { execFile, fork } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { z } from "zod";
import type { PacedResult, PacedRun } from "./pacedLoad";
import { placedCommand, type Placement } from "./placement";

export type LoadResult = {
  requests: number;
  errors: number;
  /** Answers that failed the run's content check (0 when it checked none). */
  wrong: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Paced runs only: the generator's own lateness (p99). */
  sendLagP99Ms?: number;
  /** The server's longest event-loop block during the run. */
  serverLoopMaxMs?: number;
};

const HERE = import.meta.dirname;
const wrkOutput = z.object({
  requests: z.number(),
  durationUs: z.number(),
  p50Us: z.number(),
  p99Us: z.number(),
  maxUs: z.number(),
  errors: z.number(),
  wrong: z.number(),
});

/** What wrk checks each answer against: one of these exact bodies, or anything but "not found". */
export type WrkCheck = { bodiesFile: string } | "found";

/**
 * Closed loop (each connection sends its next request when the last is answered): wrk,
 * replaying `requestsFile`; `freshUuids`: its uuid placeholders become new uuids per request;
 * `check`: what every answer is checked against (replay.lua counts the ones that fail).
 */
export async function runWrk(
  placement: Placement,
  port: number,
  requestsFile: string,
  seconds: number,
  connections: number,
  freshUuids = false,
  check?: WrkCheck,
): Promise<LoadResult> {
  const [file, ...args] = placedCommand(placement, [
    "wrk",
    "-t1",
    `-c${connections}`,
    `-d${seconds}s`,
    "--timeout",
    "2s",
    "-s",
    join(HERE, "replay.lua"),
    `http://127.0.0.1:${port}`,
    "--",
    requestsFile,
    ...(freshUuids ? ["fresh-uuids"] : []),
    ...(check === undefined ? [] : [check === "found" ? "found" : `bodies=${check.bodiesFile}`]),
  ]);
  const env = { ...process.env, REPLAY_CHECK_ANSWERS: check === undefined ? "0" : "1" };
  const { stdout } = await promisify(execFile)(file, args, { env });
  const line = stdout.split("\n").find((l) => l.startsWith("{"));
  const r = wrkOutput.parse(JSON.parse(line ?? "null"));
  return {
    requests: r.requests,
    errors: r.errors,
    wrong: r.wrong,
    seconds: r.durationUs / 1e6,
    p50Ms: r.p50Us / 1000,
    p99Ms: r.p99Us / 1000,
    maxMs: r.maxUs / 1000,
  };
}

/** Open loop at a fixed rate: pacedLoad.ts in its own process. */
export function runPaced(placement: Placement, run: PacedRun): Promise<LoadResult> {
  const [execPath, ...execArgv] = placedCommand(placement, [process.execPath, "--import", "tsx"]);
  const child = fork(join(HERE, "pacedLoad.ts"), [], {
    execPath,
    execArgv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.on("message", (m) => {
      if (m === "ready") return void child.send(run);
      const r = m as PacedResult;
      resolve({
        requests: r.completed,
        errors: r.errors,
        wrong: r.wrong,
        seconds: r.seconds,
        p50Ms: r.p50Ms,
        p99Ms: r.p99Ms,
        maxMs: r.maxMs,
        sendLagP99Ms: r.sendLagP99Ms,
      });
    });
    child.once("exit", (code) => reject(new Error(`paced load exited with ${code}`)));
  });
}
