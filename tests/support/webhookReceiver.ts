import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { EVENT_ID_HEADER, SIGNATURE_HEADER, verifySignature } from "@/server/webhooks/signature";

export type ReceiverMode = "ok" | "fail" | "hang";
export type Arrival = { id: string; type: string; status: number | "hung"; signed: boolean };
export type ReceivedEvent = { id: string; type: string; domainId: string | null; data: Record<string, unknown> };

/**
 * A real HTTP receiver on 127.0.0.1, as a customer would write one: it checks the signature,
 * answers by `mode` (ok: 200, fail: 503, hang: never answers) and processes each event id once
 * (at-least-once delivery means a receiver must dedup by id).
 */
export async function startWebhookReceiver() {
  let secret = "";
  let mode: ReceiverMode = "ok";
  const arrivals: Arrival[] = [];
  const processed = new Map<string, ReceivedEvent>();
  const hanging = new Set<ServerResponse>();

  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const header = String(req.headers[SIGNATURE_HEADER.toLowerCase()] ?? "");
    const signed = secret !== "" && verifySignature(secret, body, header);
    const event = JSON.parse(body) as ReceivedEvent & { type: string };
    const headerId = String(req.headers[EVENT_ID_HEADER.toLowerCase()] ?? "");
    if (headerId !== event.id) throw new Error(`event id header ${headerId} differs from body id ${event.id}`);
    if (mode === "hang") {
      arrivals.push({ id: event.id, type: event.type, status: "hung", signed });
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    const status = !signed ? 401 : mode === "fail" ? 503 : 200;
    arrivals.push({ id: event.id, type: event.type, status, signed });
    if (status === 200 && !processed.has(event.id)) processed.set(event.id, event);
    res.writeHead(status).end();
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        handle(req, res, Buffer.concat(chunks).toString("utf8"));
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    arrivals,
    processed,
    hangingCount: () => hanging.size,
    setSecret: (s: string) => (secret = s),
    setMode: (m: ReceiverMode) => (mode = m),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
