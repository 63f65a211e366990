import pg from "pg";
import { z } from "zod";
import { CONFIG_CHANNEL } from "@/server/db/channels";
import { logger } from "@/server/observability/logger";
import type { AnswerCache } from "./answerCache";

const scopeSchema = z.union([z.object({ domain: z.string().min(1) }), z.object({ platform: z.literal(true) })]);

export type ConfigListener = { close: () => Promise<void>; connected: () => boolean };

const MIN_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;

/**
 * LISTENs on `switchboard_config` with its own connection (a pooled one would lose the
 * LISTEN) and invalidates `cache` on every committed change. While disconnected it cannot
 * hear changes, so on every (re)connect everything is marked stale: the next use of each
 * answer rechecks the database, and still serves the old answer if that fails.
 */
export function listenForConfigChanges(
  connectionString: string,
  cache: AnswerCache,
  log: (message: string) => void = (m) => logger.warn({ component: "xmlcurl" }, m),
): ConfigListener {
  let client: pg.Client | null = null;
  let closed = false;
  let isConnected = false;
  let backoff = MIN_BACKOFF_MS;
  let timer: NodeJS.Timeout | null = null;

  const scheduleReconnect = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, backoff);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  };

  const connect = async () => {
    const c = new pg.Client({ connectionString, keepAlive: true });
    client = c;
    c.on("notification", (msg) => {
      if (msg.channel !== CONFIG_CHANNEL) return;
      let payload: unknown;
      try {
        payload = JSON.parse(msg.payload ?? "");
      } catch {
        payload = null;
      }
      const scope = scopeSchema.safeParse(payload);
      // An unreadable notification still means something changed.
      if (scope.success) cache.invalidate(scope.data);
      else cache.markAllStale();
    });
    const lost = (error?: Error) => {
      if (client !== c) return;
      client = null;
      isConnected = false;
      if (closed) return;
      log(`xmlcurl: config listener lost its connection (${error?.message ?? "closed"}); reconnecting`);
      // Changes made from now on would go unheard: recheck (or, if the database is down, keep) every answer.
      cache.markAllStale();
      c.removeAllListeners("error");
      c.on("error", () => undefined);
      void c.end().catch(() => undefined);
      scheduleReconnect();
    };
    c.on("error", lost);
    c.on("end", () => lost());
    try {
      await c.connect();
      await c.query(`LISTEN ${CONFIG_CHANNEL}`);
      if (closed) return void (await c.end().catch(() => undefined));
      isConnected = true;
      backoff = MIN_BACKOFF_MS;
      cache.markAllStale();
    } catch (error) {
      lost(error instanceof Error ? error : new Error(String(error)));
    }
  };

  void connect();
  return {
    connected: () => isConnected,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      isConnected = false;
      await c?.end().catch(() => undefined);
    },
  };
}
