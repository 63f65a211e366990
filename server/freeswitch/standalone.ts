import cluster from "node:cluster";
import { createServer } from "node:http";
import { z } from "zod";
import { CDR_PATH, handleCdr } from "@/server/callRecords/httpHandler";
import { db } from "@/server/db/client";
import { forkWorkers, workerIndex } from "@/server/http/forkWorkers";
import { handleMoh, MOH_PATH_PREFIX } from "@/server/musicOnHold/httpHandler";
import { logger } from "@/server/observability/logger";
import { publicPortOps } from "@/server/observability/opsEndpoints";
import { handleXmlCurl } from "./httpHandler";
import { notFoundDocument } from "./xml";

// `npm run xmlcurl`: the FreeSWITCH endpoints (xml_curl, CDRs) as their own process, so SIP keeps working
// while the portal restarts (point the nodes' gateway-url at this port). The script runs it
// with --max-semi-space-size=64: every request allocates its whole body, and with the default
// young generation requests still in flight get promoted, so old-space GC pauses set the p99
// (bench: hit p99 at half load ~17 ms → ~5–6 ms). XMLCURL_WORKERS > 1 serves the port from
// that many processes (node:cluster), each with its own answer cache and connections: one
// Node process answers from one core. Worker i serves its metrics on METRICS_PORT + i.
const port = z.coerce.number().int().min(1).max(65535).default(3001).parse(process.env.XMLCURL_PORT);
const workers = z.coerce.number().int().min(1).max(64).default(1).parse(process.env.XMLCURL_WORKERS);
const PATH = "/freeswitch/xml";
const listeningLine = `xmlcurl: listening on :${port}${PATH}, ${CDR_PATH} and ${MOH_PATH_PREFIX}`;
const log = logger.child({ component: "xmlcurl" });

if (workers > 1 && cluster.isPrimary)
  forkWorkers(workers, () => log.info(`${listeningLine} (${workers} workers)`), log);
else serve();

function serve(): void {
  const ops = publicPortOps(db, "xmlcurl", workerIndex());
  const server = createServer((req, res) => {
    const path = req.url?.split("?")[0];
    if (path === PATH) return handleXmlCurl(req, res);
    if (path === CDR_PATH) return handleCdr(req, res);
    if (path?.startsWith(MOH_PATH_PREFIX)) return handleMoh(req, res);
    if (ops.handler(req, res)) return;
    res.writeHead(404, { "Content-Type": "text/xml" });
    res.end(notFoundDocument);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, () => cluster.isPrimary && log.info(listeningLine));

  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => {
      ops.opsServer?.close();
      server.close(() => process.exit(0));
      // FreeSWITCH keeps its connections alive; do not wait for it to hang up.
      server.closeIdleConnections();
    });
}
