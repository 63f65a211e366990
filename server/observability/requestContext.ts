import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";

type RequestContext = { requestId: string };

// One store per process: Next.js bundles its own copy of this module beside the server's.
const holder = globalThis as unknown as { __switchboardRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (holder.__switchboardRequestContext ??= new AsyncLocalStorage<RequestContext>());

/** A caller's X-Request-Id when it is a sane token (a proxy's id survives the hop), else a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

/** Runs `fn` with `requestId` attached to every log line written inside it (see logger.ts). */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
