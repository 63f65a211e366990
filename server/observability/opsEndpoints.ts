import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Db } from "@/server/db/client";
import { logger } from "./logger";
import { metrics } from "./metrics";
import { metricsAccess, opsEnv, type MetricsAccess } from "./opsConfig";
import { checkReadiness, DEFAULT_MIGRATIONS_DIR } from "./readiness";

/** Answers the request if it is one of ours and returns true; otherwise leaves it alone. */
export type OpsHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export type OpsOptions = {
  db: () => Db;
  metrics: MetricsAccess;
  migrationsDir?: string;
};

const digest = (value: string) => createHash("sha256").update(value).digest();

function bearerMatches(header: string | undefined, token: string): boolean {
  if (!header?.startsWith("Bearer ")) return false;
  // Equal-length digests: the comparison leaks neither the token nor its length.
  return timingSafeEqual(digest(header.slice("Bearer ".length)), digest(token));
}

function sendJson(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers });
  res.end(text);
}

/** GET /healthz (process up), /readyz (database reachable, migrations current), /metrics (Prometheus). */
export function createOpsHandler(options: OpsOptions): OpsHandler {
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const path = req.url?.split("?")[0];
    if (path === "/healthz") {
      sendJson(res, 200, { status: "ok" });
      return true;
    }
    if (path === "/readyz") {
      void checkReadiness(options.db(), migrationsDir).then(
        (r) => sendJson(res, r.ready ? 200 : 503, r),
        () => sendJson(res, 503, { ready: false }),
      );
      return true;
    }
    if (path !== "/metrics" || options.metrics === "off") return false;
    const access = options.metrics;
    if (access !== "open" && !bearerMatches(req.headers.authorization, access.token)) {
      sendJson(res, 401, { error: "Send Authorization: Bearer <METRICS_TOKEN>" }, { "WWW-Authenticate": "Bearer" });
      return true;
    }
    const registry = metrics().registry;
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { "Content-Type": registry.contentType, "Cache-Control": "no-store" });
        res.end(text);
      },
      (error: unknown) => {
        logger.warn({ component: "metrics" }, `metrics: collecting failed: ${String(error)}`);
        sendJson(res, 500, { error: "collecting metrics failed" });
      },
    );
    return true;
  };
}

/** A listener that answers only the ops endpoints (METRICS_PORT, the worker's port). */
export function startOpsServer(port: number, handler: OpsHandler, label: string): Server {
  const server = createServer((req, res) => {
    if (handler(req, res)) return;
    sendJson(res, 404, { error: "not found" });
  });
  // Health and metrics are not worth a crash: a port already taken (a second worker on one host) is logged.
  server.on("error", (error) =>
    logger.warn({ component: "ops" }, `${label}: health and metrics not served on :${port}: ${error.message}`),
  );
  server.listen(port, () => logger.info({ component: "ops" }, `${label}: /healthz /readyz /metrics on :${port}`));
  return server;
}

/**
 * For a process with a public port (web, xml_curl): the handler that port runs first, and the
 * METRICS_PORT listener if one is configured (+ `portOffset`: each worker of a multi-process
 * xml_curl has its own, since a shared port would answer with any one worker's counts).
 */
export function publicPortOps(
  db: () => Db,
  label: string,
  portOffset = 0,
): { handler: OpsHandler; opsServer: Server | null } {
  const env = opsEnv();
  const opsServer = env.METRICS_PORT
    ? startOpsServer(
        env.METRICS_PORT + portOffset,
        createOpsHandler({ db, metrics: metricsAccess(env, "ops-only") }),
        label,
      )
    : null;
  return { handler: createOpsHandler({ db, metrics: metricsAccess(env, "public") }), opsServer };
}
