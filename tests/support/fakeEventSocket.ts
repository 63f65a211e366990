import { createServer, type Server, type Socket } from "node:net";

export type FakeEventSocket = {
  port: number;
  /** Every command received after auth, as sent (e.g. "event plain HEARTBEAT …", "api uuid_kill …"). */
  commands: string[];
  /** How many connections authenticated and subscribed so far. */
  subscriptions: () => number;
  /** Writes captured event bytes to every subscribed connection. */
  emit: (bytes: Buffer) => void;
  /** Drops every connection, as a restarting node would. */
  dropConnections: () => void;
  close: () => Promise<void>;
};

export type ApiHandler = (command: string, socket: { emit: (bytes: Buffer) => void }) => Buffer | undefined;

/** Strips a captured stream's leading subscription reply: what remains is the events, framing kept. */
export function eventBytes(stream: Buffer): Buffer {
  const head = stream.subarray(0, 64).toString("utf8");
  if (!head.startsWith("Content-Type: command/reply")) return stream;
  return stream.subarray(stream.indexOf("\n\n") + 2);
}

/** A captured stream cut into its frames (headers + Content-Length body), bytes unchanged. */
export function frames(stream: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (at < stream.length) {
    const end = stream.indexOf("\n\n", at);
    if (end < 0) break;
    const length = Number(/Content-Length: (\d+)/i.exec(stream.subarray(at, end).toString("utf8"))?.[1] ?? 0);
    out.push(stream.subarray(at, end + 2 + length));
    at = end + 2 + length;
  }
  return out;
}

/**
 * A FreeSWITCH event socket on 127.0.0.1 that speaks the captured bytes: auth, `event plain …`
 * (answered like the capture), `api …` answered with captured reply frames by command prefix,
 * and event streams pushed by the test.
 */
export async function startFakeEventSocket(
  password: string,
  replies: Record<string, Buffer>,
  onApi?: ApiHandler,
): Promise<FakeEventSocket> {
  const commands: string[] = [];
  const sockets = new Set<Socket>();
  const subscribed = new Set<Socket>();
  let subscriptionCount = 0;
  const emit = (bytes: Buffer) => {
    for (const s of subscribed) s.write(bytes);
  };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => {
      sockets.delete(socket);
      subscribed.delete(socket);
    });
    socket.on("error", () => socket.destroy());
    socket.write("Content-Type: auth/request\n\n");
    let buffer = "";
    socket.on("data", (chunk) => {
      buffer += chunk.toString();
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const line = buffer.slice(0, end).trim();
        buffer = buffer.slice(end + 2);
        if (line.startsWith("auth ")) {
          const ok = line.slice(5) === password;
          socket.write(`Content-Type: command/reply\nReply-Text: ${ok ? "+OK accepted" : "-ERR invalid"}\n\n`);
          if (!ok) socket.end("Content-Type: text/disconnect-notice\nContent-Length: 0\n\n");
          continue;
        }
        commands.push(line);
        const event = /^event (plain|json) /.exec(line);
        if (event) {
          socket.write(`Content-Type: command/reply\nReply-Text: +OK event listener enabled ${event[1]}\n\n`);
          subscribed.add(socket);
          subscriptionCount += 1;
          continue;
        }
        const command = line.replace(/^api /, "");
        const reply =
          onApi?.(command, { emit }) ?? Object.entries(replies).find(([prefix]) => command.startsWith(prefix))?.[1];
        const body = "+OK\n";
        socket.write(reply ?? `Content-Type: api/response\nContent-Length: ${body.length}\n\n${body}`);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return {
    port: address.port,
    commands,
    subscriptions: () => subscriptionCount,
    emit,
    dropConnections: () => {
      for (const s of sockets) s.destroy();
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
