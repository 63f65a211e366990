import { spawn, execFile, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const SCENARIOS = join(process.cwd(), "tests", "cluster", "scenarios");

export type Uas = { port: number; invites: () => number; byes: () => number; stop: () => Promise<void> };

/** A sipp UAS standing in for a FreeSWITCH node; counts what it received from its message log. */
export function startUas(dir: string, name: string, port: number): Uas {
  const messages = join(dir, `${name}.msg`);
  const child: ChildProcess = spawn(
    "sipp",
    [
      "-sf",
      join(SCENARIOS, "uas.xml"),
      "-i",
      "127.0.0.1",
      "-p",
      String(port),
      "-aa",
      "-nostdin",
      "-trace_msg",
      "-message_file",
      messages,
    ],
    { stdio: "ignore" },
  );
  const count = (method: string) =>
    existsSync(messages) ? (readFileSync(messages, "utf8").match(new RegExp(`^${method} sip:`, "gm"))?.length ?? 0) : 0;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return {
    port,
    invites: () => count("INVITE"),
    byes: () => count("BYE"),
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** `successful`/`failed`: sipp's cumulative counts from its final statistics screen. */
export type CallRun = { ok: boolean; output: string; successful: number; failed: number };

const cumulative = (output: string, row: string) =>
  Number(new RegExp(`${row}\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)`).exec(output)?.[1] ?? NaN);

/** Places `calls` calls to `domain` through the proxy, each held `holdMs`; resolves when all ended. */
export function placeCalls(opts: {
  proxyPort: number;
  localPort: number;
  domain: string;
  calls: number;
  holdMs?: number;
  rate?: number;
}): Promise<CallRun> {
  const args = [
    `127.0.0.1:${opts.proxyPort}`,
    "-sf",
    join(SCENARIOS, "uac.xml"),
    "-key",
    "domain",
    opts.domain,
    "-d",
    String(opts.holdMs ?? 50),
    "-s",
    "1000",
    "-m",
    String(opts.calls),
    "-r",
    String(opts.rate ?? 50),
    "-i",
    "127.0.0.1",
    "-p",
    String(opts.localPort),
    "-timeout",
    "30s",
    "-timeout_error",
    "-nostdin",
  ];
  return new Promise((resolve) => {
    execFile("sipp", args, { timeout: 40_000 }, (error, stdout, stderr) => {
      const output = `${stdout}\n${stderr}`;
      resolve({
        ok: !error,
        output: output.slice(-3000),
        successful: cumulative(output, "Successful call"),
        failed: cumulative(output, "Failed call"),
      });
    });
  });
}
