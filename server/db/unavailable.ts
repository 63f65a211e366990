/**
 * Whether an error means "the database cannot be reached right now" (refused, reset, timed out,
 * shutting down, out of connections) rather than a fault in the query: such a request is worth
 * retrying, so the APIs answer 503 with Retry-After instead of 500.
 */

// Prisma's codes for an unreachable server, a timeout, a closed connection, too many connections.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2037"]);
// Socket errors, and PostgreSQL's admin/crash shutdown, "cannot connect now" and too_many_connections.
const DRIVER_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EPIPE",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// pg's own messages when a pooled connection drops or none can be had in time.
const DRIVER_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Can't reach database server/;

function causesOf(error: unknown): unknown[] {
  const seen: unknown[] = [];
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.includes(current) && seen.length < 8) {
    seen.push(current);
    const object = current as { cause?: unknown; meta?: { driverAdapterError?: unknown } };
    current = object.meta?.driverAdapterError ?? object.cause;
  }
  return seen;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return causesOf(error).some((e) => {
    const { code, kind, originalCode, message } = e as {
      code?: unknown;
      kind?: unknown;
      originalCode?: unknown;
      message?: unknown;
    };
    if (typeof code === "string" && (PRISMA_CODES.has(code) || DRIVER_CODES.has(code) || code.startsWith("08")))
      return true;
    if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
    if (typeof originalCode === "string" && (DRIVER_CODES.has(originalCode) || originalCode.startsWith("08")))
      return true;
    return typeof message === "string" && DRIVER_MESSAGES.test(message);
  });
}
