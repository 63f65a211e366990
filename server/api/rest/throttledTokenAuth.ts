import { clientIp } from "@/server/api/httpContext";
import { authenticateApiToken, type TokenAuthentication, type TokenRejection } from "@/server/apiTokens/authenticate";
import { API_ADDRESS_POLICY, lockedSeconds, recordFailure, throttleKey } from "@/server/auth/attemptThrottle";
import type { Db } from "@/server/db/client";
import { errorResponse } from "./errors";

export type ThrottledTokenAuthentication =
  TokenAuthentication | { ok: false; reason: "throttled"; retryAfterSeconds: number };

const REJECTION_MESSAGES: Record<TokenRejection, string> = {
  missing: "Send an API token: Authorization: Bearer sb_…",
  invalid: "This API token is not valid",
  expired: "This API token has expired",
  revoked: "This API token has been revoked",
};

/**
 * A bearer token checked under the per-address backoff (shared by every app process): an
 * address that sent too many wrong tokens is refused before its token is looked up. A request
 * without any token is not a guess and is not counted.
 */
export async function authenticateTokenThrottled(db: Db, headers: Headers): Promise<ThrottledTokenAuthentication> {
  const ip = clientIp(headers);
  const key = ip ? throttleKey.apiAddress(ip) : null;
  const waiting = key ? await lockedSeconds(db, [key]) : 0;
  if (waiting > 0) return { ok: false, reason: "throttled", retryAfterSeconds: waiting };
  const auth = await authenticateApiToken(db, headers.get("authorization"));
  if (auth.ok || auth.reason === "missing" || !key) return auth;
  const { lockedSeconds: locked } = await recordFailure(db, key, API_ADDRESS_POLICY);
  return locked > 0 ? { ok: false, reason: "throttled", retryAfterSeconds: locked } : auth;
}

/** 401 for a bad token, 429 with Retry-After for an address that sent too many. */
export function tokenRejectionResponse(auth: Extract<ThrottledTokenAuthentication, { ok: false }>): Response {
  if (auth.reason === "throttled") {
    return errorResponse(
      429,
      { code: "rate_limited", message: "Too many invalid API tokens from this address; wait and retry" },
      { "retry-after": String(auth.retryAfterSeconds) },
    );
  }
  return errorResponse(
    401,
    { code: "unauthorized", message: REJECTION_MESSAGES[auth.reason] },
    { "www-authenticate": "Bearer" },
  );
}
