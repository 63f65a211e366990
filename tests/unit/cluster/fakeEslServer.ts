import { createServer, type Server, type Socket } from "node:net";

export type FakeEsl = { port: number; commands: string[]; close: () => Promise<void> };

/**
 * A FreeSWITCH event socket stand-in: asks for auth, checks the password, answers
 * `api` commands from `replies` (by command prefix), records what it was sent.
 */
export async function startFakeEsl(
  password: string,
  replies: Record<string, string> = {},
  /** Each `api` reply waits for this: a peer that answers only when a test lets it. */
  replyWhen: () => Promise<void> = () => Promise.resolve(),
): Promise<FakeEsl> {
  const commands: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
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
        const command = line.replace(/^api /, "");
        commands.push(command);
        const key = Object.keys(replies).find((k) => command.startsWith(k));
        const body = key !== undefined ? replies[key]! : "+OK\n";
        // Split the reply across writes, as TCP may.
        const head = `Content-Type: api/response\nContent-Length: ${Buffer.byteLength(body)}\n\n`;
        void replyWhen().then(() => {
          socket.write(head + body.slice(0, 2));
          setTimeout(() => socket.write(body.slice(2)), 5);
        });
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return {
    port: address.port,
    commands,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
