import { createHash, randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { createDb, type Db } from "@/server/db/client";

// Each test file gets its own database, cloned from a template that the real
// migrations built once (CREATE DATABASE … TEMPLATE takes ~100 ms; migrating takes seconds).

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function urlFor(database: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

function migrationsFingerprint(): string {
  const dir = join(process.cwd(), "prisma", "migrations");
  const h = createHash("sha256");
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith(".toml")) continue;
    h.update(name).update(readFileSync(join(dir, name, "migration.sql")));
  }
  return h.digest("hex").slice(0, 12);
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Builds the migrated template database if it does not exist yet; returns its name. */
export async function ensureTemplate(): Promise<string> {
  const template = `sb_tpl_${migrationsFingerprint()}`;
  await withAdmin(async (c) => {
    // Several test processes may start at once: one builds, the others wait.
    await c.query("SELECT pg_advisory_lock(727274)");
    try {
      const exists = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
      if (exists.rowCount) return;
      const stale = await c.query("SELECT datname FROM pg_database WHERE datname LIKE 'sb_tpl_%'");
      for (const row of stale.rows as { datname: string }[]) {
        await c.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
      }
      await c.query(`CREATE DATABASE "${template}_build"`);
      execFileSync("npx", ["prisma", "migrate", "deploy"], {
        env: { ...process.env, DATABASE_URL: urlFor(`${template}_build`) },
        stdio: "pipe",
      });
      await c.query(`ALTER DATABASE "${template}_build" RENAME TO "${template}"`);
    } finally {
      await c.query("SELECT pg_advisory_unlock(727274)");
    }
  });
  return template;
}

export type TestDatabase = { url: string; name: string; db: Db; drop: () => Promise<void> };

/** A fresh, migrated, empty database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = await ensureTemplate();
  const name = `sb_t_${randomBytes(5).toString("hex")}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  const url = urlFor(name);
  const db = createDb(url, 5);
  return {
    url,
    name,
    db,
    drop: async () => {
      await db.$disconnect();
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
