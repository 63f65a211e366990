/**
 * When a failed delivery is tried again: doubling from `baseMs` up to `maxMs` between tries,
 * for as many tries as fit in `windowMs` (24 h by default). The worker takes a shorter
 * schedule from its environment, so tests can watch a whole schedule run out.
 */
export type RetrySchedule = { baseMs: number; maxMs: number; windowMs: number };

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = { baseMs: 10_000, maxMs: 3_600_000, windowMs: 86_400_000 };

/** Wait before retry number `retry` (1 = the wait after the first failed attempt). */
export function retryDelayMs(schedule: RetrySchedule, retry: number): number {
  return Math.min(schedule.baseMs * 2 ** Math.max(0, retry - 1), schedule.maxMs);
}

/** Attempts in all (the first one included): the waits between them add up to at least the window. */
export function attemptsFor(schedule: RetrySchedule): number {
  let waited = 0;
  let retries = 0;
  while (waited < schedule.windowMs) waited += retryDelayMs(schedule, ++retries);
  return retries + 1;
}
