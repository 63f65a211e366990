import type { Db } from "@/server/db/client";
import type { FailureLog } from "@/server/cluster/failureLog";
import { readKamailioView } from "./readKamailioView";

export type KamailioViewReaderOptions = {
  /** How often every enabled proxy is read (KAMAILIO_PROBE_READ_MS); 0 = only after pushes. */
  intervalMs: number;
  onError?: (where: string, e: unknown) => void;
  /** Reports a proxy that cannot be read once per change of state, not on every read. */
  targets?: FailureLog;
  /** Called after a read in which some node changed state on a proxy (e.g. to run failover). */
  onStateChange?: (proxyId: string) => void;
};

/**
 * Keeps `proxy_destination_state` current: reads every enabled proxy on an interval and
 * whenever asked (after a push). One read per proxy at a time; a request during a read
 * runs once more right after it, so the newest state is never missed.
 */
export function startKamailioViewReader(db: Db, options: KamailioViewReaderOptions) {
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();

  const readOnce = async (proxyId: string) => {
    const target = `read kamailio view of ${proxyId}`;
    try {
      if ((await readKamailioView(db, proxyId)) > 0) options.onStateChange?.(proxyId);
      options.targets?.succeeded(target);
    } catch (e) {
      if (options.targets) options.targets.failed(target, e);
      else options.onError?.(target, e);
    }
  };

  const read = (proxyId: string): Promise<void> => {
    const current = running.get(proxyId);
    if (current) {
      again.add(proxyId);
      return current;
    }
    const run = (async () => {
      do {
        again.delete(proxyId);
        await readOnce(proxyId);
      } while (again.has(proxyId));
    })().finally(() => running.delete(proxyId));
    running.set(proxyId, run);
    return run;
  };

  const readAll = async () => {
    try {
      const proxies = await db.sipProxy.findMany({ where: { enabled: true }, select: { id: true } });
      await Promise.all(proxies.map((p) => read(p.id)));
    } catch (e) {
      options.onError?.("read kamailio views", e);
    }
  };

  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  // A chained timeout, not setInterval: a slow round never piles up behind itself.
  const tick = async () => {
    await readAll();
    if (!closed) timer = setTimeout(() => void tick(), options.intervalMs);
  };
  if (options.intervalMs > 0) timer = setTimeout(() => void tick(), options.intervalMs);

  return {
    read,
    readAll,
    async close() {
      closed = true;
      clearTimeout(timer);
      await Promise.all(running.values());
    },
  };
}
