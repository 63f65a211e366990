import { connect, type Socket } from "node:net";
import { EslParser, type EslMessage } from "./eslParser";

export class EslError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EslError";
  }
}

export type EslTarget = { host: string; port: number; password: string; timeoutMs?: number };

/** For a long-lived connection that also receives events (after `subscribe`). */
export type EslListener = {
  onEvent: (message: EslMessage) => void;
  /** Called once when the connection ends, for whatever reason. */
  onClose: (error: Error) => void;
};

const EVENT_TYPES = new Set(["text/event-plain", "text/event-json"]);

/**
 * A minimal inbound event-socket client: connect, `auth`, then `api` commands one at a
 * time (FreeSWITCH answers commands in order on a connection). With a listener, event
 * messages go to the listener and only replies are matched to commands.
 */
export class EslConnection {
  private readonly parser = new EslParser();
  private readonly queue: EslMessage[] = [];
  private waiter: ((m: EslMessage | Error) => void) | null = null;
  private failure: Error | null = null;

  private constructor(
    private readonly socket: Socket,
    private readonly timeoutMs: number,
    private readonly listener: EslListener | null,
  ) {
    socket.on("data", (chunk: Buffer) => {
      for (const m of this.parser.push(chunk)) {
        const type = m.headers.get("content-type") ?? "";
        // Notices (e.g. text/disconnect-notice) are not replies to our commands.
        if (type === "text/disconnect-notice") continue;
        if (EVENT_TYPES.has(type)) this.listener?.onEvent(m);
        else this.deliver(m);
      }
    });
    socket.on("error", (e) => this.fail(new EslError(`ESL connection error: ${e.message}`)));
    socket.on("close", () => this.fail(new EslError("ESL connection closed")));
  }

  static async open(target: EslTarget, listener: EslListener | null = null): Promise<EslConnection> {
    const timeoutMs = target.timeoutMs ?? 3000;
    const socket = connect({ host: target.host, port: target.port });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error("timed out")));
    const esl = new EslConnection(socket, timeoutMs, listener);
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

  /**
   * Runs `api <command>`; a body starting with "-ERR" becomes an EslError. `onReply` sees the
   * reply synchronously, in stream order with the events around it (the resolved promise
   * would only run after the events that followed the reply in the same packet).
   */
  async api(command: string, onReply?: (body: string) => void): Promise<string> {
    if (/[\r\n]/.test(command)) throw new EslError("ESL command must be one line");
    const reply = await this.send(`api ${command}`, (m) => {
      if (!m.body.startsWith("-ERR")) onReply?.(m.body);
    });
    if (reply.body.startsWith("-ERR")) throw new EslError(`${command.split(" ")[0]}: ${reply.body.trim()}`);
    return reply.body;
  }

  /**
   * Starts event delivery (`event plain|json <names>`). From then on the connection is
   * idle between events, so the idle limit becomes `idleMs` (several heartbeat periods):
   * a half-open TCP connection is noticed and closed instead of waiting forever.
   */
  async subscribe(format: "plain" | "json", names: string[], idleMs: number): Promise<void> {
    const reply = await this.send(`event ${format} ${names.join(" ")}`);
    if (!(reply.headers.get("reply-text") ?? "").startsWith("+OK")) {
      throw new EslError(`event subscription refused: ${reply.headers.get("reply-text") ?? "no reply"}`);
    }
    this.socket.setTimeout(idleMs);
  }

  close(): void {
    this.socket.destroy();
  }

  private send(line: string, onReply?: (m: EslMessage) => void): Promise<EslMessage> {
    this.socket.write(`${line}\n\n`);
    return this.next(onReply);
  }

  private next(onReply?: (m: EslMessage) => void): Promise<EslMessage> {
    const ready = this.queue.shift();
    if (ready) {
      onReply?.(ready);
      return Promise.resolve(ready);
    }
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
        else {
          onReply?.(m);
          resolve(m);
        }
      };
    });
  }

  private deliver(m: EslMessage): void {
    if (this.waiter) this.waiter(m);
    else this.queue.push(m);
  }

  private fail(e: Error): void {
    const first = this.failure === null;
    this.failure ??= e;
    this.waiter?.(e);
    if (first) this.listener?.onClose(e);
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
