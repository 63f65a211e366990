import type { Db } from "@/server/db/client";
import { runFailoverTick } from "./engine";

export type FailoverDetectorOptions = {
  /** Pause between passes (FAILOVER_TICK_MS, default 500). */
  intervalMs: number;
  /** LIVE's NODE_HEARTBEAT_TIMEOUT_MS: a heartbeat older than this is lost. */
  heartbeatTimeoutMs?: number;
  onError?: (where: string, e: unknown) => void;
};

/**
 * Runs the failover engine every `intervalMs`, and at once when woken (the Kamailio view
 * reader wakes it when a proxy reports a state change). One pass at a time; a wake-up
 * during a pass runs one more pass right after it.
 */
export function startFailoverDetector(db: Db, options: FailoverDetectorOptions) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  const pass = async () => {
    try {
      await runFailoverTick(db, new Date(), options.heartbeatTimeoutMs);
    } catch (e) {
      options.onError?.("failover", e);
    }
  };

  const wake = (): Promise<void> => {
    if (closed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    clearTimeout(timer);
    running = (async () => {
      do {
        again = false;
        await pass();
      } while (again && !closed);
      running = null;
      if (!closed) timer = setTimeout(() => void wake(), options.intervalMs);
    })();
    return running;
  };

  timer = setTimeout(() => void wake(), options.intervalMs);
  return {
    wake,
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}
