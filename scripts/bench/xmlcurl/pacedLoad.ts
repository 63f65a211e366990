/**
 * Open-loop load at a fixed rate (what wrk2 does, which Debian does not ship), run as its
 * own process pinned to its own core. Request k is due at start + k/rate; its latency is
 * measured from that due time, not from when a connection was free to send it, so a
 * stalled server shows up in the percentiles instead of silently lowering the rate
 * (coordinated omission). Requests are pre-built HTTP/1.1 bytes, sent on `connections`
 * keep-alive sockets, or with `newConnectionPerRequest` each on a socket of its own (at most
 * `connections` open at once), as mod_xml_curl does: its latency then includes the connect.
 * With `expectFile` every answer is checked against its own request's expectation.
 *
 * Protocol: this process says "ready", the parent sends one PacedRun and gets one PacedResult back.
 */
import { readFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { z } from "zod";
import { readExpectFile } from "./expectations";

const pacedRunSchema = z.object({
  port: z.number().int(),
  requestsFile: z.string(),
  ratePerSecond: z.number().positive(),
  seconds: z.number().positive(),
  connections: z.number().int().positive(),
  newConnectionPerRequest: z.boolean().default(false),
  /** Per request (same order as requestsFile): the texts its answer must contain. */
  expectFile: z.string().optional(),
});
export type PacedRun = z.input<typeof pacedRunSchema>;

export type PacedResult = {
  completed: number;
  errors: number;
  /** Answers that lacked a text their request expects. */
  wrong: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** How late the generator itself sent requests (p99): its own share of the latency. */
  sendLagP99Ms: number;
};

const HEADER_END = Buffer.from("\r\n\r\n");
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i;

type Connection = {
  socket: Socket;
  received: Buffer;
  due: number;
  request: number;
  sent: boolean;
  answered: boolean;
};

function splitFile(file: string): Buffer[] {
  const data = readFileSync(file);
  const out: Buffer[] = [];
  for (let start = 0; start < data.length;) {
    let stop = data.indexOf(0, start);
    if (stop === -1) stop = data.length;
    out.push(data.subarray(start, stop));
    start = stop + 1;
  }
  return out;
}

function percentile(sorted: Float64Array, q: number): number {
  return sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN);
}

async function run(spec: z.output<typeof pacedRunSchema>): Promise<PacedResult> {
  const requests = splitFile(spec.requestsFile);
  const expected = spec.expectFile ? readExpectFile(spec.expectFile) : null;
  if (expected && expected.length !== requests.length) throw new Error("expectations do not match the requests");
  const total = Math.floor(spec.ratePerSecond * spec.seconds);
  const intervalMs = 1000 / spec.ratePerSecond;
  let latencies = new Float64Array(total);
  const lags = new Float64Array(total);
  let dispatched = 0;
  let completed = 0;
  let errors = 0;
  let wrong = 0;
  let startedAt = 0;
  const idle: Connection[] = [];
  // Connection-per-request mode: sockets open, those still connecting, and requests lost
  // with a socket that closed before answering.
  let open = 0;
  let opening = 0;
  let lost = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const send = (c: Connection) => {
    const k = dispatched++;
    c.due = startedAt + k * intervalMs;
    c.request = k % requests.length;
    c.sent = true;
    lags[k] = performance.now() - c.due;
    c.socket.write(requests[c.request] as Buffer);
  };

  const pump = () => {
    const due = Math.min(total, Math.floor((performance.now() - startedAt) / intervalMs) + 1);
    if (!spec.newConnectionPerRequest) {
      while (dispatched < due && idle.length > 0) send(idle.pop() as Connection);
      return;
    }
    while (dispatched + opening < due && open < spec.connections) {
      open++;
      opening++;
      const c = newConnection(() => {
        opening--;
        send(c);
      });
      c.socket.once("close", () => {
        open--;
        if (!c.sent) {
          // Refused before its request went out: the request waits for the next socket.
          opening--;
          errors++;
        } else if (!c.answered) lost++;
        if (completed + lost === total) return finish();
        pump();
      });
    }
  };

  const onAnswer = (c: Connection, headerEnd: number, length: number) => {
    latencies[completed++] = performance.now() - c.due;
    if (c.received.toString("latin1", 9, 12) !== "200") errors++;
    else if (expected) {
      const answer = c.received.toString("utf8", headerEnd + 4, headerEnd + 4 + length);
      const texts = expected[c.request] as string[];
      if (!texts.every((text) => answer.includes(text)) && wrong++ < 3)
        console.error(`paced load: a wrong answer (expected ${texts.join(" … ")}): ${answer.slice(0, 600)}`);
    }
    c.received = Buffer.alloc(0);
    if (spec.newConnectionPerRequest) {
      // Its "close" event frees the slot and pumps the next request.
      c.answered = true;
      c.socket.destroy();
      return;
    }
    if (completed === total) return finish();
    idle.push(c);
    pump();
  };

  const onData = (c: Connection, chunk: Buffer) => {
    c.received = c.received.length === 0 ? chunk : Buffer.concat([c.received, chunk]);
    const headerEnd = c.received.indexOf(HEADER_END);
    if (headerEnd === -1) return;
    const length = Number(CONTENT_LENGTH.exec(c.received.toString("latin1", 0, headerEnd))?.[1] ?? 0);
    if (c.received.length < headerEnd + 4 + length) return;
    onAnswer(c, headerEnd, length);
  };

  const newConnection = (onConnect: () => void): Connection => {
    const socket = connect({ host: "127.0.0.1", port: spec.port, noDelay: true }, onConnect);
    const c: Connection = { socket, received: Buffer.alloc(0), due: 0, request: 0, sent: false, answered: false };
    socket.on("data", (chunk: Buffer) => onData(c, chunk));
    // Connection-per-request sockets report failures through "close"; keep-alive ones reject at connect.
    socket.on("error", () => undefined);
    return c;
  };

  const connections = spec.newConnectionPerRequest
    ? []
    : await Promise.all(
        Array.from(
          { length: spec.connections },
          () =>
            new Promise<Connection>((resolve, reject) => {
              const c = newConnection(() => resolve(c));
              c.socket.once("error", reject);
              c.socket.once("close", () => {
                if (!c.sent) reject(new Error("closed before use"));
              });
            }),
        ),
      );
  idle.push(...connections);
  startedAt = performance.now();
  const ticker = setInterval(pump, 1);
  // A connection the server dropped would leave its request unanswered forever: bound the run.
  const deadline = setTimeout(finish, (spec.seconds + 10) * 1000);
  pump();
  await finished;
  clearInterval(ticker);
  clearTimeout(deadline);
  // Unanswered requests are errors too (not sent in time, or lost with their socket).
  errors += total - completed;
  const seconds = (performance.now() - startedAt) / 1000;
  for (const c of connections) c.socket.destroy();
  latencies = latencies.subarray(0, completed).sort();
  const lagsSent = lags.subarray(0, dispatched).sort();
  return {
    completed,
    errors,
    wrong,
    seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies[latencies.length - 1] ?? NaN,
    sendLagP99Ms: percentile(lagsSent, 0.99),
  };
}

process.once("message", (message) => {
  void run(pacedRunSchema.parse(message)).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(`paced load failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
});
process.send?.("ready");
