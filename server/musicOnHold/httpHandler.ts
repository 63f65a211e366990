import type { IncomingMessage, ServerResponse } from "node:http";
import { refusalHeaders } from "@/server/http/nodeRequest";
import { db, type DbTx } from "@/server/db/client";
import type { NodeAuthenticator } from "@/server/freeswitch/authenticateNode";
import { defaultXmlCurlService } from "@/server/freeswitch/httpHandler";
import type { XmlCurlNode } from "@/server/freeswitch/loadNode";
import { logger } from "@/server/observability/logger";

export const MOH_PATH_PREFIX = "/freeswitch/moh/";

/** `<domain>/<fileId>.wav` as holdMusic.ts writes it; anything else is not ours. */
const FILE_PATH = /^\/freeswitch\/moh\/([a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)\/([A-Za-z0-9_-]{1,64})\.wav$/;

export type MohFileSource = {
  auth: Pick<NodeAuthenticator, "authenticate">;
  /** The domain when this node may be answered for it (active, and served by the node), else null. */
  gate: (node: XmlCurlNode, domain: string) => Promise<{ id: string } | null>;
  db: DbTx;
};

export type MohHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const mohLog = logger.child({ component: "moh" });

function sendText(res: ServerResponse, status: number, message: string, headers: readonly string[] = []): void {
  if (res.headersSent) return;
  const body = `${message}\n`;
  res.writeHead(status, [
    "Content-Type",
    "text/plain; charset=utf-8",
    "Content-Length",
    String(Buffer.byteLength(body)),
    ...headers,
  ]);
  res.end(body);
}

/** `If-None-Match` lists entity tags, weak or strong, or `*`. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || t === `W/${etag}`;
  });
}

/**
 * `GET /freeswitch/moh/<domain>/<fileId>.wav`: an uploaded hold music file for mod_http_cache,
 * authenticated as the node's xml_curl user, only for a domain the node serves. A file's bytes
 * never change (a new upload is a new id), so it is immutable and its sha256 is the ETag.
 * Unknown paths, files and domains — and other tenants' files — are all the same 404.
 */
export function createMohHandler(source: MohFileSource, log: (m: string) => void = (m) => mohLog.warn(m)): MohHandler {
  return async (req, res) => {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") return sendText(res, 405, "use GET", ["Allow", "GET, HEAD"]);
      const checked = source.auth.authenticate(req.headers.authorization, req.socket.remoteAddress);
      const auth = checked instanceof Promise ? await checked : checked;
      if (!auth.ok) {
        log(`moh: ${auth.status} from ${req.socket.remoteAddress ?? "?"}: ${auth.reason}`);
        return sendText(
          res,
          auth.status,
          auth.status === 401 ? "unauthorized" : "forbidden",
          refusalHeaders(auth.status, "switchboard-moh"),
        );
      }
      const match = FILE_PATH.exec(req.url?.split("?")[0] ?? "");
      const gate = match ? await source.gate(auth.node, match[1]!) : null;
      const where = match && gate ? { id: match[2]!, domainId: gate.id } : null;
      const found = where ? await source.db.mohFile.findFirst({ where, select: { sha256: true } }) : null;
      if (!where || !found) return sendText(res, 404, "not found");
      const etag = `"${found.sha256}"`;
      const cacheHeaders = ["ETag", etag, "Cache-Control", "max-age=31536000, immutable"];
      if (matchesEtag(req.headers["if-none-match"], etag)) {
        res.writeHead(304, cacheHeaders);
        return void res.end();
      }
      const file = await source.db.mohFile.findFirst({ where, select: { data: true } });
      if (!file) return sendText(res, 404, "not found");
      res.writeHead(200, ["Content-Type", "audio/wav", "Content-Length", String(file.data.length), ...cacheHeaders]);
      res.end(req.method === "HEAD" ? undefined : file.data);
    } catch (error) {
      // Only our side fails here (the database); the node retries on its next call.
      log(`moh: 503 after an error: ${error instanceof Error ? error.message.split("\n")[0] : "unknown"}`);
      sendText(res, 503, "unavailable, retry later", ["Retry-After", "5"]);
    }
  };
}

let defaultHandler: MohHandler | null = null;

/**
 * The process-wide handler: the xml_curl service's node authentication and domain gate (one node
 * cache, one invalidation path); files are read from the primary, so a fresh upload is never
 * missing on a lagging replica.
 */
function defaultMohHandler(): MohHandler {
  if (defaultHandler) return defaultHandler;
  const service = defaultXmlCurlService();
  defaultHandler = createMohHandler({
    auth: service.auth,
    gate: (node, domain) => service.gate(node, domain),
    db: db(),
  });
  return defaultHandler;
}

/** For the app server and the standalone process: `GET /freeswitch/moh/…`. */
export function handleMoh(req: IncomingMessage, res: ServerResponse): void {
  let handler: MohHandler;
  try {
    handler = defaultMohHandler();
  } catch (error) {
    mohLog.error(`moh: cannot start: ${error instanceof Error ? error.message.split("\n")[0] : "unknown error"}`);
    return sendText(res, 503, "unavailable");
  }
  void handler(req, res);
}
