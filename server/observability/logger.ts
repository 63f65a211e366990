import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { z } from "zod";
import { currentRequestId } from "./requestContext";

export type { Logger };

const Level = z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info");

/**
 * Never written: credentials in headers and any password, secret or token field of a logged
 * object (one or two levels deep). Messages stay free of them by convention: log an error's
 * first line, not its stack or the request body (digests, PINs).
 */
const REDACT_PATHS = [
  "authorization",
  "cookie",
  "password",
  "secret",
  "token",
  "*.authorization",
  "*.cookie",
  "*.password",
  "*.secret",
  "*.token",
  "*.headers.authorization",
  "*.headers.cookie",
  "*.headers['x-api-key']",
];

/** `destination`: where lines go instead of stdout (tests). */
export function createLogger(destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: Level.parse(process.env.LOG_LEVEL || undefined),
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    // A new object each time: pino merges the line's fields into what the mixin returns.
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  if (destination) return pino(options, destination);
  // JSON lines for collectors; readable lines for a person at a terminal.
  if (!process.stdout.isTTY) return pino(options);
  return pino(options, pretty({ colorize: true, sync: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid" }));
}

/** The process's logger; `logger.child({ component })` for an area. */
export const logger: Logger = createLogger();

/** An error's first line: messages only, since stacks and bodies may carry secrets. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? (error.message.split("\n")[0] ?? "error") : String(error);
}
