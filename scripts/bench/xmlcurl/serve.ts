/**
 * The bench's server process: the mod_xml_curl endpoint and a bare node:http responder
 * (the floor: read the body, answer a constant document), side by side in one process
 * so both get the same CPU, and between them the endpoint's steps one at a time
 * (stageHandlers.ts). Started by ../xmlcurl.ts, pinned to its own core; it reports
 * its ports over IPC and exits cleanly when the parent disconnects (so `--cpu-prof` is written).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { z } from "zod";
import { createDb } from "@/server/db/client";
import { listenForConfigChanges } from "@/server/freeswitch/configListener";
import { createXmlCurlHandler } from "@/server/freeswitch/httpHandler";
import { notFoundDocument } from "@/server/freeswitch/xml";
import { xmlAnswer } from "@/server/freeswitch/xmlAnswer";
import { defaultXmlCurlSettings, XmlCurlService } from "@/server/freeswitch/xmlCurlService";
import { STAGES, stageHandler, type Stage } from "./stageHandlers";

export type ServerPorts = { endpoint: number; bare: number; stages: Record<Stage, number> };
/**
 * One run as the server saw it: how long its event loop was blocked (GC, long tasks: the
 * server's own share of a tail), and how many connections it accepted (a connection-per-request
 * run must accept one per request).
 */
export type RunStats = { loopP99Ms: number; loopMaxMs: number; accepted: number };
/** `stageAnswer`: what the stages answer from now on (acknowledged with "stage-answer:set"). */
export type ServerCommand = "run:reset" | "run:read" | { stageAnswer: string };

const config = z
  .object({ BENCH_DATABASE_URL: z.string().min(1), BENCH_POOL: z.coerce.number().int().min(1).default(10) })
  .parse(process.env);

const db = createDb(config.BENCH_DATABASE_URL, config.BENCH_POOL);
const service = new XmlCurlService(db, db, { ...defaultXmlCurlSettings, userCacheSeconds: 300 });
const listener = listenForConfigChanges(config.BENCH_DATABASE_URL, service.cache);
const endpoint = createServer(createXmlCurlHandler(service));
const bareLength = Buffer.byteLength(notFoundDocument);
const bare = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8", "Content-Length": bareLength });
    res.end(notFoundDocument);
  });
});
let stageAnswer = xmlAnswer(notFoundDocument);
const stages = STAGES.map((stage) => [stage, createServer(stageHandler(stage, service, () => stageAnswer))] as const);
const servers = [endpoint, bare, ...stages.map(([, server]) => server)];
let accepted = 0;
for (const s of servers) s.on("connection", () => accepted++);
await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve))));
const portOf = (server: Server) => (server.address() as AddressInfo).port;
const ports: ServerPorts = {
  endpoint: portOf(endpoint),
  bare: portOf(bare),
  stages: Object.fromEntries(stages.map(([stage, server]) => [stage, portOf(server)])) as Record<Stage, number>,
};
process.send?.(ports);

const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
process.on("message", (command: ServerCommand) => {
  if (typeof command === "object") {
    stageAnswer = xmlAnswer(command.stageAnswer);
    return void process.send?.("stage-answer:set");
  }
  if (command === "run:reset") {
    accepted = 0;
    return void loopDelay.reset();
  }
  const read: RunStats = { loopP99Ms: loopDelay.percentile(99) / 1e6, loopMaxMs: loopDelay.max / 1e6, accepted };
  process.send?.(read);
});

process.on("disconnect", () => {
  for (const s of servers) s.closeAllConnections();
  void Promise.all([listener.close(), db.$disconnect()]).finally(() => process.exit(0));
});
