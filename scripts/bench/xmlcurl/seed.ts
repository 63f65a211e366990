import { execFileSync } from "node:child_process";
import pg from "pg";
import { hashPassword } from "@/server/security/password";
import { seal } from "@/server/security/secretBox";

export type BenchScale = { domains: number; extensions: number };
export type BenchNode = { hostname: string; user: string; secret: string };

export const benchDomainName = (i: number) => `bench${i}.example`;
export const benchExtensionNumber = (i: number) => String(1000 + i);

export function databaseUrlFor(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function hasScale(url: string, scale: BenchScale): Promise<boolean> {
  const { rows } = await withClient(url, (c) =>
    c.query<{ d: string; e: string }>(`SELECT (SELECT count(*) FROM "Domain") d, (SELECT count(*) FROM "Extension") e`),
  );
  return Number(rows[0]?.d) === scale.domains && Number(rows[0]?.e) === scale.domains * scale.extensions;
}

/** The project's real migrations, so the bench runs against the schema the app uses. */
function migrate(url: string): void {
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
}

/**
 * The bench's own database at `scale`, reused when it already holds exactly that many
 * rows (seeding 1M extensions takes about a minute). Rows are made by set-based
 * INSERT … SELECT, the a1-hash computed by PostgreSQL's md5.
 */
export async function ensureBenchDatabase(
  adminUrl: string,
  database: string,
  scale: BenchScale,
  node: BenchNode,
  reseed: boolean,
): Promise<string> {
  const url = databaseUrlFor(adminUrl, database);
  const exists = await withClient(adminUrl, async (c) =>
    Boolean((await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [database])).rowCount),
  );
  if (exists && !reseed) {
    migrate(url);
    if (await hasScale(url, scale)) {
      console.log(`seed: reusing ${database} (${scale.domains} domains × ${scale.extensions} extensions)`);
      return url;
    }
  }
  await withClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${database}"`);
  });
  migrate(url);
  const started = Date.now();
  await withClient(url, async (c) => {
    await c.query(
      `INSERT INTO "TelephonyNode" (id, hostname, "sipAddress", "eslHost", "eslPasswordEnc", "xmlCurlUser", "xmlCurlSecretHash", "updatedAt")
       VALUES ('bench-node', $1, '127.0.0.1', '127.0.0.1', $2, $3, $4, now())`,
      [node.hostname, seal("ClueCon"), node.user, await hashPassword(node.secret)],
    );
    await c.query(
      `INSERT INTO "Domain" (id, name, "displayName", "updatedAt")
       SELECT 'dom' || i, 'bench' || i || '.example', 'Bench ' || i, now() FROM generate_series(0, $1::int - 1) i`,
      [scale.domains],
    );
    // One statement per slice of domains keeps each transaction (and its WAL) modest.
    const slice = Math.max(1, Math.floor(200_000 / scale.extensions));
    for (let from = 0; from < scale.domains; from += slice) {
      const to = Math.min(from + slice, scale.domains);
      await c.query(
        `INSERT INTO "Extension" (id, "domainId", number, "displayName", "sipA1Hash", "externalCallerIdNumber", "updatedAt")
         SELECT 'ext' || d || '-' || e, 'dom' || d, (1000 + e)::text, 'Ext ' || (1000 + e),
                md5((1000 + e)::text || ':bench' || d || '.example:pw' || (1000 + e)), '+4930' || (1000000 + d), now()
         FROM generate_series($1::int, $2::int - 1) d, generate_series(0, $3::int - 1) e`,
        [from, to, scale.extensions],
      );
      process.stdout.write(`\rseed: ${to}/${scale.domains} domains`);
    }
    await c.query(
      `INSERT INTO "Trunk" (id, name, "proxyHost", "updatedAt") VALUES ('trunk-a', 'carrier-a', '198.51.100.7', now())`,
    );
    await c.query(
      `INSERT INTO "OutboundRoute" (id, name, pattern, "stripDigits", prepend, "updatedAt") VALUES ('route-n', 'national', '_0Z.', 1, '+49', now())`,
    );
    await c.query(`INSERT INTO "OutboundRouteTrunk" ("routeId", "trunkId", position) VALUES ('route-n', 'trunk-a', 1)`);
    await c.query("VACUUM ANALYZE");
  });
  console.log(
    `\nseed: ${scale.domains * scale.extensions} extensions in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return url;
}
