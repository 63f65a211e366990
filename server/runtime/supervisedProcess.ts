import { spawn, type ChildProcess } from "node:child_process";

/**
 * A child process that is restarted whenever it dies, until `stop()`, which always reaches the child of
 * the moment (a restarted one included). It runs in its own process group, so a Ctrl-C in the terminal
 * reaches only the parent, which decides the order things stop in; an IPC channel lets the child notice
 * when the parent dies without stopping it.
 */
export class SupervisedProcess {
  private child: ChildProcess | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(
    private readonly name: string,
    private readonly args: string[],
    private readonly restartDelayMs = 2000,
  ) {}

  start(): void {
    const child = spawn(process.execPath, this.args, {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: process.env,
      detached: true,
    });
    this.child = child;
    child.once("exit", (code, signal) => {
      if (this.stopping) return;
      console.error(`${this.name} exited (${code ?? signal}); restarting in ${this.restartDelayMs / 1000} s`);
      this.restartTimer = setTimeout(() => this.start(), this.restartDelayMs);
    });
  }

  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const kill = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(kill);
  }
}
