import { z } from "zod";

const OpsEnv = z.object({
  /** Bearer token /metrics requires wherever it is served. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** A port of its own for /metrics, /healthz and /readyz (web and xml_curl processes). */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
});

export type OpsEnv = z.infer<typeof OpsEnv>;

export function opsEnv(): OpsEnv {
  const parsed = OpsEnv.safeParse({
    METRICS_TOKEN: process.env.METRICS_TOKEN || undefined,
    METRICS_PORT: process.env.METRICS_PORT || undefined,
  });
  if (!parsed.success) {
    throw new Error(
      `Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}

/**
 * Who may read /metrics on a port. With METRICS_TOKEN set: bearers of it, on every port. Without:
 * only ports that serve nothing public (METRICS_PORT, the worker's own port) answer it, openly;
 * a public port (web, xml_curl) does not serve it at all.
 */
export type MetricsAccess = { token: string } | "open" | "off";

export function metricsAccess(env: OpsEnv, port: "public" | "ops-only"): MetricsAccess {
  if (env.METRICS_TOKEN) return { token: env.METRICS_TOKEN };
  return port === "ops-only" ? "open" : "off";
}
