import { createServer } from "node:http";
import { z } from "zod";
import { CDR_PATH, handleCdr } from "@/server/callRecords/httpHandler";
import { handleXmlCurl } from "./httpHandler";
import { notFoundDocument } from "./xml";

// `npm run xmlcurl`: the FreeSWITCH endpoints (xml_curl, CDRs) as their own process, so SIP keeps working
// while the portal restarts (point the nodes' gateway-url at this port). The script runs it
// with --max-semi-space-size=64: every request allocates its whole body, and with the default
// young generation requests still in flight get promoted, so old-space GC pauses set the p99
// (bench: hit p99 at half load ~17 ms → ~5–6 ms).
const port = z.coerce.number().int().min(1).max(65535).default(3001).parse(process.env.XMLCURL_PORT);
const PATH = "/freeswitch/xml";

const server = createServer((req, res) => {
  const path = req.method === "POST" ? req.url?.split("?")[0] : undefined;
  if (path === PATH) return handleXmlCurl(req, res);
  if (path === CDR_PATH) return handleCdr(req, res);
  res.writeHead(404, { "Content-Type": "text/xml" });
  res.end(notFoundDocument);
});
server.keepAliveTimeout = 65_000;
server.listen(port, () => console.log(`xmlcurl: listening on :${port}${PATH} and ${CDR_PATH}`));

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    server.close(() => process.exit(0));
    // FreeSWITCH keeps its connections alive; do not wait for it to hang up.
    server.closeIdleConnections();
  });
