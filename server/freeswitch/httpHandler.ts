import type { IncomingMessage, ServerResponse } from "node:http";
import { admitNodeRequest, refusalHeaders } from "@/server/http/nodeRequest";
import { readBody } from "@/server/http/readBody";
import { env } from "@/server/config/env";
import { createDb, db } from "@/server/db/client";
import { logger } from "@/server/observability/logger";
import { observeXmlCurl, type XmlCurlOutcome, type XmlCurlSection } from "@/server/observability/metrics";
import { listenForConfigChanges } from "./configListener";
import { classifyRequest, parseRequestBody, type XmlCurlRequest } from "./requestBody";
import { notFoundAnswer, type XmlAnswer } from "./xmlAnswer";
import { defaultXmlCurlSettings, XmlCurlService } from "./xmlCurlService";

/** mod_xml_curl bodies are a few KB (187 fields for a SIP INVITE); anything huge is not FreeSWITCH. */
export const MAX_BODY_BYTES = 1 << 20;

export type XmlCurlHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const xmlCurlLog = logger.child({ component: "xmlcurl" });

const XML_CONTENT_TYPE = "text/xml; charset=utf-8";

const SECTION_OF: Record<XmlCurlRequest["kind"], XmlCurlSection> = {
  "sip-auth": "directory",
  "message-count": "directory",
  "user-lookup": "directory",
  "domain-lookup": "directory",
  "network-list": "directory",
  gateways: "directory",
  dialplan: "dialplan",
  configuration: "configuration",
};

const REFUSED = { 401: "unauthorized", 403: "forbidden", 405: "method_not_allowed" } as const;

/** Headers as a flat list: Node writes them without walking an object's keys. */
export function sendXmlAnswer(
  res: ServerResponse,
  status: number,
  body: XmlAnswer,
  extraHeaders: readonly string[] = [],
): void {
  if (res.headersSent) return;
  res.writeHead(status, ["Content-Type", XML_CONTENT_TYPE, "Content-Length", String(body.length), ...extraHeaders]);
  res.end(body);
}

/**
 * The POST /freeswitch/xml handler around a service. Anything we cannot or will not
 * answer is "not found" with status 200, so FreeSWITCH falls back cleanly; only bad
 * node credentials get 401 (and a wrong source or host name 403). It never throws.
 */
export function createXmlCurlHandler(
  service: XmlCurlService,
  log: (m: string) => void = (m) => xmlCurlLog.warn(m),
): XmlCurlHandler {
  return async (req, res) => {
    const startedAt = performance.now();
    let section: XmlCurlSection = "unknown";
    let outcome: XmlCurlOutcome = "not_found";
    try {
      const checked = admitNodeRequest(req, service.auth);
      // A remembered node is answered synchronously; awaiting it anyway would cost a microtask turn.
      const auth = checked instanceof Promise ? await checked : checked;
      if (!auth.ok) {
        outcome = REFUSED[auth.status];
        log(`xmlcurl: ${auth.status} from ${req.socket.remoteAddress ?? "?"}: ${auth.reason}`);
        return sendXmlAnswer(res, auth.status, notFoundAnswer, refusalHeaders(auth.status, "switchboard-xmlcurl"));
      }
      // Read only once the node is known; an oversize body is drained and answered "not found".
      const body = await readBody(req, MAX_BODY_BYTES);
      if (body === null) return sendXmlAnswer(res, 200, notFoundAnswer);
      const request = classifyRequest(parseRequestBody(body));
      if (request.kind === "unsupported") return sendXmlAnswer(res, 200, notFoundAnswer);
      section = SECTION_OF[request.kind];
      if (request.hostname !== auth.node.hostname) {
        outcome = "forbidden";
        log(`xmlcurl: 403 node ${auth.node.hostname} sent hostname ${JSON.stringify(request.hostname)}`);
        return sendXmlAnswer(res, 403, notFoundAnswer);
      }
      const answer = await service.answer(auth.node, request);
      if (answer !== notFoundAnswer) outcome = "answered";
      sendXmlAnswer(res, 200, answer);
    } catch (error) {
      outcome = "error";
      // Messages only: stacks and request bodies may carry digests or PINs.
      log(
        `xmlcurl: answered not found after an error: ${error instanceof Error ? error.message.split("\n")[0] : "unknown"}`,
      );
      sendXmlAnswer(res, 200, notFoundAnswer);
    } finally {
      observeXmlCurl(section, outcome, (performance.now() - startedAt) / 1000);
    }
  };
}

let defaultService: XmlCurlService | null = null;
let defaultHandler: XmlCurlHandler | null = null;

/**
 * The process-wide service: reads from the replica if configured, LISTENs on the primary.
 * The CDR endpoint authenticates with its `auth`: one node cache, one invalidation path.
 */
export function defaultXmlCurlService(): XmlCurlService {
  if (defaultService) return defaultService;
  const e = env();
  const writer = db();
  const reader = e.DATABASE_REPLICA_URL ? createDb(e.DATABASE_REPLICA_URL) : writer;
  defaultService = new XmlCurlService(reader, writer, {
    ...defaultXmlCurlSettings,
    userCacheSeconds: e.XMLCURL_USER_CACHE_SECONDS,
    enforceAssignment: e.XMLCURL_ENFORCE_ASSIGNMENT,
    callcenterOdbcDsn: e.CALLCENTER_ODBC_DSN ?? null,
  });
  listenForConfigChanges(e.DATABASE_URL, defaultService.cache);
  return defaultService;
}

function defaultXmlCurlHandler(): XmlCurlHandler {
  defaultHandler ??= createXmlCurlHandler(defaultXmlCurlService());
  return defaultHandler;
}

/** For the app server and the standalone process: `POST /freeswitch/xml`. */
export function handleXmlCurl(req: IncomingMessage, res: ServerResponse): void {
  let handler: XmlCurlHandler;
  try {
    handler = defaultXmlCurlHandler();
  } catch (error) {
    xmlCurlLog.error(`xmlcurl: cannot start: ${error instanceof Error ? error.message : "unknown error"}`);
    return sendXmlAnswer(res, 200, notFoundAnswer);
  }
  void handler(req, res);
}
