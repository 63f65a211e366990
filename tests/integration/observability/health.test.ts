import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/server/db/client";
import { createOpsHandler } from "@/server/observability/opsEndpoints";
import { DEFAULT_MIGRATIONS_DIR } from "@/server/observability/readiness";
import { ADMIN_URL, createTestDatabase, type TestDatabase } from "../../support/database";
import { serveOps } from "../../support/scrape";

// What a load balancer sees: /healthz while the process runs, /readyz only while the database
// answers and has every migration this build ships.

let t: TestDatabase;
const dirs: string[] = [];

/** A migrations folder like the shipped one, plus `extra` folders the database has not applied. */
function migrationsDirWith(extra: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "sb-migrations-"));
  dirs.push(dir);
  const names = readdirSync(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory());
  for (const name of [...names.map((e) => e.name), ...extra]) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, "migration.sql"), "SELECT 1;");
  }
  return dir;
}

async function probe(db: () => Db, path: string, migrationsDir?: string) {
  const ops = await serveOps(createOpsHandler({ db, metrics: "off", migrationsDir }));
  try {
    const res = await ops.get(path);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  } finally {
    await ops.close();
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await t?.drop();
});

describe("/healthz", () => {
  it("answers 200 while the process runs, even with the database gone", async () => {
    const nowhere = createDb("postgresql://postgres@127.0.0.1:1/nowhere", 1);
    expect(await probe(() => nowhere, "/healthz")).toEqual({ status: 200, body: { status: "ok" } });
  });
});

describe("/readyz", () => {
  it("is ready on a database with every shipped migration applied", async () => {
    expect(await probe(() => t.db, "/readyz")).toEqual({
      status: 200,
      body: { ready: true, database: "ok", migrations: "ok" },
    });
  });

  it("is not ready when the database cannot be reached, and says no more than that", async () => {
    const nowhere = createDb("postgresql://postgres:hunter2@127.0.0.1:1/nowhere", 1);
    const r = await probe(() => nowhere, "/readyz");
    expect(r).toEqual({ status: 503, body: { ready: false, database: "unreachable", migrations: "unknown" } });
    await nowhere.$disconnect();
  });

  it("is not ready when this build ships a migration the database has not applied", async () => {
    const dir = migrationsDirWith(["29991231000000_from_the_future"]);
    expect(await probe(() => t.db, "/readyz", dir)).toEqual({
      status: 503,
      body: { ready: false, database: "ok", migrations: "not applied: 29991231000000_from_the_future" },
    });
  });

  it("is not ready on a database that was never migrated", async () => {
    const name = `sb_t_bare_${process.pid}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const bare = createDb(url.toString(), 1);
    try {
      expect(await probe(() => bare, "/readyz")).toEqual({
        status: 503,
        body: { ready: false, database: "ok", migrations: "none applied (no _prisma_migrations)" },
      });
    } finally {
      await bare.$disconnect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
