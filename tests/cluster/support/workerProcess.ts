import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

export type WorkerProcess = { kill: (signal?: NodeJS.Signals) => Promise<void>; output: () => string };

/** `npm run worker` as a child process, so a test can kill it mid-push like a crash would. */
export function startWorker(env: Record<string, string>): WorkerProcess {
  const child: ChildProcess = spawn(join(process.cwd(), "node_modules", ".bin", "tsx"), ["workers/main.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return {
    output: () => output,
    kill: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
