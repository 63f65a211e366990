/**
 * Open-loop load at a fixed rate (what wrk2 does, which Debian does not ship), run as its
 * own process pinned to its own core. Request k is due at start + k/rate; its latency is
 * measured from that due time, not from when a connection was free to send it, so a
 * stalled server shows up in the percentiles instead of silently lowering the rate
 * (coordinated omission). Requests are pre-built HTTP/1.1 bytes on keep-alive sockets.
 *
 * Protocol: this process says "ready", the parent sends one PacedRun and gets one PacedResult back.
 */
import { readFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { z } from "zod";

const pacedRunSchema = z.object({
  port: z.number().int(),
  requestsFile: z.string(),
  ratePerSecond: z.number().positive(),
  seconds: z.number().positive(),
  connections: z.number().int().positive(),
});
export type PacedRun = z.infer<typeof pacedRunSchema>;

export type PacedResult = {
  completed: number;
  errors: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** How late the generator itself sent requests (p99): its own share of the latency. */
  sendLagP99Ms: number;
};

const HEADER_END = Buffer.from("\r\n\r\n");
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i;

type Connection = { socket: Socket; received: Buffer; due: number };

function splitRequests(file: string): Buffer[] {
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

async function run(spec: PacedRun): Promise<PacedResult> {
  const requests = splitRequests(spec.requestsFile);
  const total = Math.floor(spec.ratePerSecond * spec.seconds);
  const intervalMs = 1000 / spec.ratePerSecond;
  let latencies = new Float64Array(total);
  const lags = new Float64Array(total);
  let dispatched = 0;
  let completed = 0;
  let errors = 0;
  let startedAt = 0;
  const idle: Connection[] = [];
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const send = (c: Connection) => {
    const k = dispatched++;
    c.due = startedAt + k * intervalMs;
    lags[k] = performance.now() - c.due;
    c.socket.write(requests[k % requests.length] as Buffer);
  };

  const pump = () => {
    const due = Math.min(total, Math.floor((performance.now() - startedAt) / intervalMs) + 1);
    while (dispatched < due && idle.length > 0) send(idle.pop() as Connection);
  };

  const onData = (c: Connection, chunk: Buffer) => {
    c.received = c.received.length === 0 ? chunk : Buffer.concat([c.received, chunk]);
    const headerEnd = c.received.indexOf(HEADER_END);
    if (headerEnd === -1) return;
    const head = c.received.toString("latin1", 0, headerEnd);
    const length = Number(CONTENT_LENGTH.exec(head)?.[1] ?? 0);
    if (c.received.length < headerEnd + 4 + length) return;
    latencies[completed++] = performance.now() - c.due;
    if (head.slice(9, 12) !== "200") errors++;
    c.received = Buffer.alloc(0);
    if (completed === total) return finish();
    idle.push(c);
    pump();
  };

  const connections = await Promise.all(
    Array.from(
      { length: spec.connections },
      () =>
        new Promise<Connection>((resolve, reject) => {
          const socket = connect({ host: "127.0.0.1", port: spec.port, noDelay: true }, () => resolve(c));
          const c: Connection = { socket, received: Buffer.alloc(0), due: 0 };
          socket.on("data", (chunk: Buffer) => onData(c, chunk));
          socket.once("error", reject);
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
  errors += total - completed;
  const seconds = (performance.now() - startedAt) / 1000;
  for (const c of connections) c.socket.destroy();
  latencies = latencies.subarray(0, completed).sort();
  const lagsSent = lags.subarray(0, dispatched).sort();
  return {
    completed,
    errors,
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
