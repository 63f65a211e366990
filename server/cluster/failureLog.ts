import { errorMessage } from "@/server/observability/logger";

/**
 * Remembers which targets (a proxy, a node) are failing, so one retried every second or with
 * backoff is reported once per change of state — when it starts failing, when its reason
 * changes, and when it works again — instead of once per try.
 */
export type FailureLog = {
  failed(target: string, e: unknown): void;
  succeeded(target: string): void;
};

export function failureLog(report: {
  failed: (target: string, e: unknown) => void;
  recovered: (target: string) => void;
}): FailureLog {
  const failing = new Map<string, string>();
  return {
    failed(target, e) {
      const reason = errorMessage(e);
      if (failing.get(target) === reason) return;
      failing.set(target, reason);
      report.failed(target, e);
    },
    succeeded(target) {
      if (failing.delete(target)) report.recovered(target);
    },
  };
}
