import { z } from "zod";

// Read once at start-up; a bad value stops the process with a clear message instead
// of failing later on a request.
const EnvSchema = z.object({
  DATABASE_URL: z.string().url(),
  /** Read-replica URL for the FreeSWITCH path; falls back to DATABASE_URL. */
  DATABASE_REPLICA_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  /** 32 bytes, base64: seals secrets at rest (trunk/ESL/RPC passwords, voicemail PINs, TOTP). */
  SWITCHBOARD_SECRET_KEY: z.string().min(40),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Seconds a FreeSWITCH node may cache a directory user (0 = no caching). */
  XMLCURL_USER_CACHE_SECONDS: z.coerce.number().int().min(0).max(86400).default(300),
  /** Answer "not found" when a node asks for a domain it is not assigned to. */
  XMLCURL_ENFORCE_ASSIGNMENT: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /**
   * mod_callcenter's shared store for every node (`odbc-dsn` in callcenter.conf), e.g.
   * `pgsql://hostaddr=10.0.0.5 dbname=callcenter user=fs password=...`; unset = each node's own SQLite.
   */
  CALLCENTER_ODBC_DSN: z.string().min(1).max(500).optional(),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}
