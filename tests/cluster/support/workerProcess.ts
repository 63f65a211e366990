import { spawn, type ChildProcess } from "node:child_process";

export type WorkerProcess = { kill: (signal?: NodeJS.Signals) => Promise<void>; output: () => string };

/**
 * `npm run worker` as a child process, so a test can kill it mid-push like a crash would.
 * Node itself, not the tsx CLI: that is a wrapper around a second process, so a SIGKILL
 * reached only the wrapper and left the real worker running, after the test as well. The
 * IPC channel stops the worker (workers/main.ts, on "disconnect") if the test process dies.
 */
export function startWorker(env: Record<string, string>): WorkerProcess {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
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
