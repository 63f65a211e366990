import { createServer, type Server } from "node:http";
import next from "next";
import { CDR_PATH, handleCdr } from "@/server/callRecords/httpHandler";
import { handleXmlCurl } from "@/server/freeswitch/httpHandler";

const XMLCURL_PATH = "/freeswitch/xml";

/**
 * One process serves the portal (Next.js) and the FreeSWITCH endpoints (xml_curl, CDRs). They are
 * answered by bare node:http handlers before Next.js sees the request: FreeSWITCH waits
 * on it inside the SIP transaction and Next's per-request cost is ~25× a bare handler's.
 */
export async function startAppServer(opts: { dev: boolean; port: number; hostname?: string }): Promise<Server> {
  const app = next({ dev: opts.dev, dir: process.cwd(), port: opts.port, hostname: opts.hostname });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => {
    if (req.method === "POST" && req.url?.split("?")[0] === XMLCURL_PATH) {
      handleXmlCurl(req, res);
      return;
    }
    if (req.method === "POST" && req.url?.split("?")[0] === CDR_PATH) {
      handleCdr(req, res);
      return;
    }
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(opts.port, opts.hostname ?? "0.0.0.0", resolve));
  return server;
}
