import type { IncomingMessage, ServerResponse } from "node:http";
import { admitNodeRequest, refusalHeaders } from "@/server/http/nodeRequest";
import { readBody } from "@/server/http/readBody";
import { logger } from "@/server/observability/logger";
import { env } from "@/server/config/env";
import { createPlainPool } from "@/server/db/plainPool";
import type { NodeAuthenticator } from "@/server/freeswitch/authenticateNode";
import { defaultXmlCurlService } from "@/server/freeswitch/httpHandler";
import { DomainAttributor } from "./attributeDomain";
import { CdrParseError } from "./cdrParseError";
import { CallRecordWriter, defaultWriterOptions } from "./callRecordWriter";
import { extractCdrRecord } from "./extractCdrRecord";
import { parseCdrBody } from "./parseCdrBody";

export const CDR_PATH = "/freeswitch/cdr";
const cdrLog = logger.child({ component: "cdr" });

/** A CDR of a long call with many transfers stays far below this; anything bigger is not FreeSWITCH. */
const MAX_BODY_BYTES = 4 << 20;

export type CdrHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
export type CdrIngest = {
  auth: Pick<NodeAuthenticator, "authenticate">;
  attributor: DomainAttributor;
  writer: CallRecordWriter;
};

function send(res: ServerResponse, status: number, message: string, extraHeaders: readonly string[] = []): void {
  if (res.headersSent) return;
  const body = `${message}\n`;
  res.writeHead(status, [
    "Content-Type",
    "text/plain; charset=utf-8",
    "Content-Length",
    String(Buffer.byteLength(body)),
    ...extraHeaders,
  ]);
  res.end(body);
}

const REFUSALS = { 401: "unauthorized", 403: "forbidden", 405: "use POST" } as const;

const firstLine = (error: unknown) => (error instanceof Error ? error.message.split("\n")[0] : "unknown error");

/**
 * POST /freeswitch/cdr: one leg's CDR from mod_json_cdr or mod_xml_cdr, authenticated as
 * the node's xml_curl user. 200 only once the row is committed; a body that is no CDR is a
 * 400 (FreeSWITCH then keeps it in its err-log-dir); anything that failed on our side is a
 * 500, so FreeSWITCH retries and finally spools it for the pick-up tool.
 */
export function createCdrHandler(ingest: CdrIngest, log: (m: string) => void = (m) => cdrLog.warn(m)): CdrHandler {
  return async (req, res) => {
    try {
      const checked = admitNodeRequest(req, ingest.auth);
      const auth = checked instanceof Promise ? await checked : checked;
      if (!auth.ok) {
        log(`cdr: ${auth.status} from ${req.socket.remoteAddress ?? "?"}: ${auth.reason}`);
        return send(res, auth.status, REFUSALS[auth.status], refusalHeaders(auth.status, "switchboard-cdr"));
      }
      const body = await readBody(req, MAX_BODY_BYTES);
      if (body === null) return send(res, 413, `a CDR is at most ${MAX_BODY_BYTES} bytes`);
      const record = extractCdrRecord(parseCdrBody(body));
      const hosts = [record.reportedHost, record.switchname].filter((h): h is string => h !== null);
      if (hosts.length > 0 && !hosts.includes(auth.node.hostname)) {
        log(`cdr: 403 node ${auth.node.hostname} posted a CDR of host ${JSON.stringify(hosts[0])}`);
        return send(res, 403, `this CDR was written by ${hosts[0]}, not by node ${auth.node.hostname}`);
      }
      const domainId = await ingest.attributor.domainIdFor(record);
      await ingest.writer.write({ ...record, domainId, nodeId: auth.node.id });
      send(res, 200, "stored");
    } catch (error) {
      if (error instanceof CdrParseError) return send(res, 400, `not a CDR: ${error.message}`);
      // Messages only: request bodies are never logged.
      log(`cdr: 500 after an error: ${firstLine(error)}`);
      send(res, 500, "the CDR could not be stored; retry later");
    }
  };
}

let defaultHandler: CdrHandler | null = null;

/** The process-wide ingest: writes go to the primary (never the replica) through plain pg. */
function defaultCdrHandler(): CdrHandler {
  if (defaultHandler) return defaultHandler;
  const pool = createPlainPool(env().DATABASE_URL, 4, "cdr");
  defaultHandler = createCdrHandler({
    auth: defaultXmlCurlService().auth,
    attributor: new DomainAttributor(pool),
    writer: new CallRecordWriter(pool, defaultWriterOptions),
  });
  return defaultHandler;
}

/** For the app server and the standalone process: `POST /freeswitch/cdr`. */
export function handleCdr(req: IncomingMessage, res: ServerResponse): void {
  let handler: CdrHandler;
  try {
    handler = defaultCdrHandler();
  } catch (error) {
    cdrLog.error(`cdr: cannot start: ${firstLine(error)}`);
    return send(res, 500, "the CDR endpoint is not configured");
  }
  void handler(req, res);
}
