import { createServer, type Server } from "node:http";
import next from "next";
import { CDR_PATH, handleCdr } from "@/server/callRecords/httpHandler";
import { db } from "@/server/db/client";
import { handleXmlCurl } from "@/server/freeswitch/httpHandler";
import { handleMoh, MOH_PATH_PREFIX } from "@/server/musicOnHold/httpHandler";
import { publicPortOps } from "@/server/observability/opsEndpoints";
import { requestIdOf, withRequestId } from "@/server/observability/requestContext";
import { settleForwardedFor, trustedProxies } from "./forwardedFor";

const XMLCURL_PATH = "/freeswitch/xml";

/**
 * One process serves the portal (Next.js) and the FreeSWITCH endpoints (xml_curl, CDRs, hold music). They are
 * answered by bare node:http handlers before Next.js sees the request: FreeSWITCH waits
 * on it inside the SIP transaction and Next's per-request cost is ~25× a bare handler's.
 */
export async function startAppServer(opts: { dev: boolean; port: number; hostname?: string }): Promise<Server> {
  const app = next({ dev: opts.dev, dir: process.cwd(), port: opts.port, hostname: opts.hostname });
  await app.prepare();
  const handle = app.getRequestHandler();
  const ops = publicPortOps(db, "web");
  const trusted = trustedProxies();
  const server = createServer((req, res) => {
    // Any method: the endpoints answer 405 themselves rather than Next.js's HTML 404.
    if (req.url?.split("?")[0] === XMLCURL_PATH) {
      handleXmlCurl(req, res);
      return;
    }
    if (req.url?.split("?")[0] === CDR_PATH) {
      handleCdr(req, res);
      return;
    }
    if (req.url?.startsWith(MOH_PATH_PREFIX)) {
      handleMoh(req, res);
      return;
    }
    if (ops.handler(req, res)) return;
    settleForwardedFor(req, trusted);
    // Every log line written while Next.js answers carries this id; the caller gets it back.
    const requestId = requestIdOf(req);
    res.setHeader("X-Request-Id", requestId);
    withRequestId(requestId, () => void handle(req, res));
  });
  server.on("close", () => ops.opsServer?.close());
  await new Promise<void>((resolve) => server.listen(opts.port, opts.hostname ?? "0.0.0.0", resolve));
  return server;
}
