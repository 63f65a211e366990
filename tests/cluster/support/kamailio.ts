import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const CONFIG = join(process.cwd(), "deploy", "kamailio", "kamailio.cfg");

export type KamailioProcess = { rpcUrl: string; sipPort: number; stop: () => Promise<void>; log: () => string };

/** Runs the shipped kamailio.cfg on loopback with its own ports, pid file and log. */
export async function startKamailio(opts: {
  dir: string;
  sipPort: number;
  rpcPort: number;
  dbUrl: string;
  /** `-A` overrides of the cfg's #!defines; by default probing every second (quick set-up). */
  defines?: Record<string, string>;
}): Promise<KamailioProcess> {
  const defines = Object.entries(opts.defines ?? { DS_PING_INTERVAL: "1" })
    .map(([k, v]) => `-A ${k}=${v} `)
    .join("");
  const logFile = join(opts.dir, `kamailio-${opts.sipPort}.log`);
  const child: ChildProcess = spawn(
    "sh",
    [
      "-c",
      `exec kamailio -f "$CFG" -P "$PID" -m 64 -M 8 -DD -E -A SIP_LISTEN=udp:127.0.0.1:${opts.sipPort} ` +
        `-A RPC_LISTEN=tcp:127.0.0.1:${opts.rpcPort} -A RPC_PORT=${opts.rpcPort} ${defines}` +
        `-A 'DBURL="${opts.dbUrl}"' >>"$LOG" 2>&1`,
    ],
    {
      env: { ...process.env, CFG: CONFIG, PID: join(opts.dir, `kamailio-${opts.sipPort}.pid`), LOG: logFile },
      stdio: "ignore",
    },
  );
  const rpcUrl = `http://127.0.0.1:${opts.rpcPort}/RPC`;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const res = await fetch(rpcUrl, { method: "POST", body: '{"jsonrpc":"2.0","method":"core.version","id":1}' });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      throw new Error(`kamailio did not start:\n${readFileSync(logFile, "utf8").slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    rpcUrl,
    sipPort: opts.sipPort,
    log: () => readFileSync(logFile, "utf8"),
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
