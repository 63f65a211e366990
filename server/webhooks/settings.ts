import { z } from "zod";
import { DEFAULT_RETRY_SCHEDULE, type RetrySchedule } from "./retrySchedule";

const WebhookEnv = z.object({
  /** "true": webhooks may target loopback/private/link-local addresses and plain http (local receivers, tests). */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).default(DEFAULT_RETRY_SCHEDULE.baseMs),
  WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(1).default(DEFAULT_RETRY_SCHEDULE.maxMs),
  WEBHOOK_RETRY_WINDOW_MS: z.coerce.number().int().min(1).default(DEFAULT_RETRY_SCHEDULE.windowMs),
});

/** Read at each use: the web process and the worker both ask, and tests flip the switch. */
export function webhookSettings(env: NodeJS.ProcessEnv = process.env) {
  const parsed = WebhookEnv.parse(env);
  const schedule: RetrySchedule = {
    baseMs: parsed.WEBHOOK_RETRY_BASE_MS,
    maxMs: parsed.WEBHOOK_RETRY_MAX_MS,
    windowMs: parsed.WEBHOOK_RETRY_WINDOW_MS,
  };
  return { allowPrivateTargets: parsed.WEBHOOK_ALLOW_PRIVATE_TARGETS, schedule };
}
