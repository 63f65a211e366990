import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { logger } from "@/server/observability/logger";
import { countDatabaseError } from "@/server/observability/metrics";
import { isDatabaseUnavailable } from "@/server/db/unavailable";
import { ConflictError, LimitError } from "@/server/tenancy/errors";

const restLog = logger.child({ component: "rest" });

/** The stable, documented error codes; clients branch on these, not on messages. */
export const REST_ERROR_CODES = [
  "malformed_json",
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "validation_failed",
  "limit_exceeded",
  "rate_limited",
  "payload_too_large",
  "unavailable",
  "internal_error",
] as const;

export type RestErrorCode = (typeof REST_ERROR_CODES)[number];

export type RestIssue = { field: string; message: string };

export type RestErrorBody = { code: RestErrorCode; message: string; issues?: RestIssue[] };

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  // BigInt ids (audit rows, revisions) have no JSON form; strings keep them exact.
  const text = JSON.stringify(body, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  return new Response(text, { status, headers: { "content-type": "application/json; charset=utf-8", ...headers } });
}

export function errorResponse(status: number, body: RestErrorBody, headers: Record<string, string> = {}): Response {
  return jsonResponse(status, body, headers);
}

function zodIssues(error: ZodError): RestIssue[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join("."), message: issue.message }));
}

const STATUS_BY_TRPC_CODE: Partial<Record<TRPCError["code"], [number, RestErrorCode]>> = {
  BAD_REQUEST: [400, "bad_request"],
  UNAUTHORIZED: [401, "unauthorized"],
  FORBIDDEN: [403, "forbidden"],
  NOT_FOUND: [404, "not_found"],
  CONFLICT: [409, "conflict"],
  UNPROCESSABLE_CONTENT: [422, "limit_exceeded"],
  TOO_MANY_REQUESTS: [429, "rate_limited"],
};

/** Maps whatever a procedure threw to the REST error shape; unknown failures say nothing internal. */
export function errorFromProcedure(error: unknown, procedure: string): Response {
  const cause = error instanceof TRPCError ? error.cause : error;
  // Input parsing failed (tRPC wraps it as BAD_REQUEST) or a service re-parsed and failed.
  if (cause instanceof ZodError) {
    return errorResponse(422, {
      code: "validation_failed",
      message: "The request has invalid fields",
      issues: zodIssues(cause),
    });
  }
  if (error instanceof TRPCError) {
    const mapped = STATUS_BY_TRPC_CODE[error.code];
    if (mapped) {
      const [status, code] = mapped;
      const issues =
        cause instanceof ConflictError && cause.field ? [{ field: cause.field, message: cause.message }] : undefined;
      const stableCode = code === "limit_exceeded" && !(cause instanceof LimitError) ? "validation_failed" : code;
      return errorResponse(status, { code: stableCode, message: error.message, ...(issues ? { issues } : {}) });
    }
  }
  if (isDatabaseUnavailable(error)) return unavailableResponse();
  // Name and code only: database error messages can quote the values that were written.
  const name = cause instanceof Error ? cause.name : typeof cause;
  const dbCode = cause && typeof cause === "object" && "code" in cause ? ` (${String(cause.code)})` : "";
  if (dbCode) countDatabaseError("rest");
  restLog.error(`REST ${procedure} failed: ${name}${dbCode}`);
  return errorResponse(500, { code: "internal_error", message: "Something went wrong on our side" });
}

/** Seconds a client should wait before retrying while the database is unreachable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export function unavailableResponse(): Response {
  return errorResponse(
    503,
    { code: "unavailable", message: "The service is briefly unavailable; retry after Retry-After seconds" },
    { "retry-after": String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
  );
}
