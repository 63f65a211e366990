import { z } from "zod";
import type { RateLimit } from "./rateLimiter";

// Only the REST adapter reads these, so they are validated here rather than in the app-wide env.
const RestEnvSchema = z.object({
  API_RATE_LIMIT_PER_SECOND: z.coerce.number().positive().max(100_000).default(20),
  API_RATE_BURST: z.coerce.number().int().min(1).max(100_000).default(40),
});

export function rateLimitFromEnv(source: Record<string, string | undefined> = process.env): RateLimit {
  const parsed = RestEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join(", ");
    throw new Error(`Invalid REST API environment: ${problems}`);
  }
  return { perSecond: parsed.data.API_RATE_LIMIT_PER_SECOND, burst: parsed.data.API_RATE_BURST };
}
