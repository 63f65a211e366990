import { connect, type Socket } from "node:net";
import { EslParser, type EslMessage } from "./eslParser";

export class EslError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EslError";
  }
}

export type EslTarget = { host: string; port: number; password: string; timeoutMs?: number };

/**
 * A minimal inbound event-socket client: connect, `auth`, then `api` commands one at a
 * time (FreeSWITCH answers commands in order on a connection).
 */
export class EslConnection {
  private readonly parser = new EslParser();
  private readonly queue: EslMessage[] = [];
  private waiter: ((m: EslMessage | Error) => void) | null = null;
  private failure: Error | null = null;

  private constructor(
    private readonly socket: Socket,
    private readonly timeoutMs: number,
  ) {
    socket.on("data", (chunk: Buffer) => {
      for (const m of this.parser.push(chunk)) {
        // Notices (e.g. text/disconnect-notice) are not replies to our commands.
        if (m.headers.get("content-type") === "text/disconnect-notice") continue;
        this.deliver(m);
      }
    });
    socket.on("error", (e) => this.fail(new EslError(`ESL connection error: ${e.message}`)));
    socket.on("close", () => this.fail(new EslError("ESL connection closed")));
  }

  static async open(target: EslTarget): Promise<EslConnection> {
    const timeoutMs = target.timeoutMs ?? 3000;
    const socket = connect({ host: target.host, port: target.port });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error("timed out")));
    const esl = new EslConnection(socket, timeoutMs);
    try {
      const greeting = await esl.next();
      if (greeting.headers.get("content-type") !== "auth/request") throw new EslError("no ESL auth request");
      const reply = await esl.send(`auth ${target.password}`);
      const text = reply.headers.get("reply-text") ?? "";
      // The password is never echoed into errors or logs.
      if (!text.startsWith("+OK")) throw new EslError("ESL authentication failed");
      return esl;
    } catch (e) {
      esl.close();
      throw e;
    }
  }

  /** Runs `api <command>`; a body starting with "-ERR" becomes an EslError. */
  async api(command: string): Promise<string> {
    if (/[\r\n]/.test(command)) throw new EslError("ESL command must be one line");
    const reply = await this.send(`api ${command}`);
    if (reply.body.startsWith("-ERR")) throw new EslError(`${command.split(" ")[0]}: ${reply.body.trim()}`);
    return reply.body;
  }

  close(): void {
    this.socket.destroy();
  }

  private send(line: string): Promise<EslMessage> {
    this.socket.write(`${line}\n\n`);
    return this.next();
  }

  private next(): Promise<EslMessage> {
    const ready = this.queue.shift();
    if (ready) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new EslError("ESL reply timed out"));
      }, this.timeoutMs);
      this.waiter = (m) => {
        clearTimeout(timer);
        this.waiter = null;
        if (m instanceof Error) reject(m);
        else resolve(m);
      };
    });
  }

  private deliver(m: EslMessage): void {
    if (this.waiter) this.waiter(m);
    else this.queue.push(m);
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.waiter?.(e);
  }
}

/** Opens a connection, runs the commands in order, closes it; returns their bodies. */
export async function eslApi(target: EslTarget, commands: string[]): Promise<string[]> {
  const esl = await EslConnection.open(target);
  try {
    const out: string[] = [];
    for (const c of commands) out.push(await esl.api(c));
    return out;
  } finally {
    esl.close();
  }
}
