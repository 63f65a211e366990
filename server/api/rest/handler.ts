import { createCaller } from "@/server/api/root";
import { clientIp } from "@/server/api/httpContext";
import { db as defaultDb, type Db } from "@/server/db/client";
import { errorFromProcedure, errorResponse, jsonResponse } from "./errors";
import { matchRoute } from "./matchRoute";
import { buildOpenApiDocument, type OpenApiDocument } from "./openapi";
import { TokenBucketLimiter, type RateLimit } from "./rateLimiter";
import { rateLimitFromEnv } from "./restConfig";
import { buildProcedureInput } from "./restInput";
import { countRestRequest } from "./restMetrics";
import { authenticateTokenThrottled, tokenRejectionResponse } from "./throttledTokenAuth";
import { tokenApiContext } from "./tokenContext";

export const REST_PREFIX = "/api/v1";

export type RestHandler = (request: Request) => Promise<Response>;

type Procedure = (input: unknown) => Promise<unknown>;

/** The path under /api/v1, as routes name it. */
const restPath = (url: URL) =>
  url.pathname.startsWith(REST_PREFIX) ? url.pathname.slice(REST_PREFIX.length) : url.pathname;

// createCaller returns a proxy keyed by router path; walking it by the route's dotted path
// yields the same function `caller.extensions.create` would be.
function procedureFunction(caller: object, path: string): Procedure {
  let node: unknown = caller;
  for (const key of path.split(".")) node = (node as Record<string, unknown>)[key];
  return node as Procedure;
}

/** Builds a handler over one database and one rate limit (tests make their own; the app uses the default). */
export function createRestHandler(options: { db: () => Db; rateLimit: RateLimit }): RestHandler {
  const limiter = new TokenBucketLimiter(options.rateLimit);
  let openApi: OpenApiDocument | undefined;

  const answer = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const path = restPath(url);
    if (path === "/openapi.json" && request.method === "GET") {
      openApi ??= buildOpenApiDocument();
      return jsonResponse(200, openApi, { "cache-control": "no-cache" });
    }

    const match = matchRoute(request.method, path);
    if (match.kind === "none")
      return errorResponse(404, { code: "not_found", message: `No operation at ${url.pathname}` });
    if (match.kind === "wrong-method") {
      return errorResponse(
        405,
        { code: "method_not_allowed", message: `Use ${match.allowed.join(", ")} on this path` },
        { allow: match.allowed.join(", ") },
      );
    }

    const db = options.db();
    const auth = await authenticateTokenThrottled(db, request.headers);
    if (!auth.ok) return tokenRejectionResponse(auth);
    const decision = limiter.take(auth.principal.tokenId);
    if (!decision.allowed) {
      return errorResponse(
        429,
        { code: "rate_limited", message: "Too many requests for this token; slow down" },
        { "retry-after": String(decision.retryAfterSeconds) },
      );
    }

    const built = await buildProcedureInput(match.route, match.params, url, request);
    if (!built.ok) return built.response;

    const caller = createCaller(tokenApiContext(db, auth.principal, clientIp(request.headers)));
    try {
      const result = await procedureFunction(caller, match.route.procedure)(built.input);
      if (result === undefined) return new Response(null, { status: 204 });
      return jsonResponse(match.route.created ? 201 : 200, result);
    } catch (error) {
      return errorFromProcedure(error, match.route.procedure);
    }
  };

  return async function handleRest(request: Request): Promise<Response> {
    // Whatever escaped (a database outage while checking the token, say) still gets the documented shape.
    const response = await answer(request).catch((error: unknown) => errorFromProcedure(error, "request"));
    countRestRequest(request.method, restPath(new URL(request.url)), response.status);
    return response;
  };
}

let defaultHandler: RestHandler | undefined;

/** The handler `app/api/v1/[...path]/route.ts` serves: the app database, limits from the environment. */
export function handleRestRequest(request: Request): Promise<Response> {
  defaultHandler ??= createRestHandler({ db: defaultDb, rateLimit: rateLimitFromEnv() });
  return defaultHandler(request);
}
