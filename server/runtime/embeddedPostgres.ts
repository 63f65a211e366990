import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  chownSync,
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";
import { embeddedPostgresLayout, type EmbeddedPostgresLayout } from "./embeddedPostgresLayout";
import { StartupError } from "./startupError";

export type EmbeddedDatabase = { url: string; databaseDir: string; logFile: string; stop: () => Promise<void> };

// A local, loopback-only server: the credentials only keep other local users' typos out.
const ROLE = "switchboard";
const PASSWORD = "switchboard";
const DATABASE = "switchboard";

export function embeddedDatabaseUrl(port: number): string {
  return `postgresql://${ROLE}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
}

/**
 * A real PostgreSQL shipped inside an npm package, for machines with nothing installed. Its data survives
 * restarts. It runs in its own process group, so a Ctrl-C in the terminal reaches `npm start` (which stops
 * the web app and workers first) and not the database under them; `stop()` shuts it down last.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  const layout = await embeddedPostgresLayout(dataDir);
  if (!existsSync(join(layout.databaseDir, "PG_VERSION"))) initialise(layout);
  mkdirSync(dataDir, { recursive: true });
  const logFile = join(dataDir, "postgres.log");
  const server = await startServer(layout, port, logFile);
  try {
    await ensureDatabase(port);
  } catch (e) {
    await server.stop();
    throw new StartupError(
      `Embedded PostgreSQL started but the ${DATABASE} database could not be created (${firstLine(e)}).`,
    );
  }
  return { url: embeddedDatabaseUrl(port), databaseDir: layout.databaseDir, logFile, stop: server.stop };
}

function initialise({ binDir, databaseDir, runAs }: EmbeddedPostgresLayout): void {
  if (existsSync(databaseDir) && readdirSync(databaseDir).length > 0) {
    throw new StartupError(
      `${databaseDir} is not empty but holds no PostgreSQL data: move it away and start again, or set DATABASE_URL.`,
    );
  }
  mkdirSync(dirname(databaseDir), { recursive: true });
  mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
  const pwDir = mkdtempSync(join(tmpdir(), "sb-initdb-"));
  const pwFile = join(pwDir, "password");
  writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (runAs) for (const p of [databaseDir, pwDir, pwFile]) chownSync(p, runAs.uid, runAs.gid);
  try {
    const initdb = spawnSync(
      join(binDir, "initdb"),
      [
        `--pgdata=${databaseDir}`,
        `--username=${ROLE}`,
        `--pwfile=${pwFile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C",
      ],
      { uid: runAs?.uid, gid: runAs?.gid, encoding: "utf8", env: postgresEnv() },
    );
    if (initdb.error || initdb.status !== 0) {
      const why = initdb.error ? initdb.error.message : lastLine(initdb.stderr);
      throw new StartupError(
        `Could not create the embedded PostgreSQL in ${databaseDir} (${why}): fix that or set DATABASE_URL.`,
      );
    }
  } finally {
    rmSync(pwDir, { recursive: true, force: true });
  }
}

async function startServer(
  { binDir, databaseDir, runAs }: EmbeddedPostgresLayout,
  port: number,
  logFile: string,
): Promise<{ stop: () => Promise<void> }> {
  const log = openSync(logFile, "a", 0o600);
  const logStart = fstatSync(log).size;
  let child: ChildProcess;
  try {
    child = spawn(
      join(binDir, "postgres"),
      ["-D", databaseDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      { uid: runAs?.uid, gid: runAs?.gid, detached: true, stdio: ["ignore", log, log], env: postgresEnv() },
    );
  } finally {
    closeSync(log);
  }
  const exited = new Promise<string>((resolve) => {
    child.once("error", (e) => resolve(e.message));
    child.once("exit", () => resolve(""));
  });
  let gone = false;
  void exited.then(() => (gone = true));

  const stop = async () => {
    if (gone) return;
    // SIGINT is PostgreSQL's "fast" shutdown: it ends sessions, checkpoints and exits.
    child.kill("SIGINT");
    const slow = setTimeout(() => child.kill("SIGQUIT"), 30_000);
    await exited;
    clearTimeout(slow);
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone)
      throw new StartupError(whyItDidNotStart((await exited) || runLog(logFile, logStart), databaseDir, port, logFile));
    if (await accepts(port)) return { stop };
    if (Date.now() > deadline) {
      await stop();
      throw new StartupError(`Embedded PostgreSQL did not accept connections within 60 s; see ${logFile}.`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function accepts(port: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: embeddedDatabaseUrl(port).replace(/[^/]+$/, "postgres") });
  client.on("error", () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new pg.Client({ connectionString: embeddedDatabaseUrl(port).replace(/[^/]+$/, "postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE)}`);
  } finally {
    await client.end();
  }
}

/** `log`: what PostgreSQL logged in this run (or why it could not be spawned). */
function whyItDidNotStart(log: string, databaseDir: string, port: number, logFile: string): string {
  if (/lock file "postmaster\.pid" already exists/.test(log)) {
    const pid = readFileSync(join(databaseDir, "postmaster.pid"), "utf8").split("\n")[0];
    return `A PostgreSQL from an earlier run (pid ${pid}) still uses ${databaseDir}: stop it (kill ${pid}) or the other npm start, then start again.`;
  }
  if (/Address already in use/.test(log)) {
    return `Port ${port} is taken by another program: stop it, or set EMBEDDED_PG_PORT to a free port.`;
  }
  const lines = log.trimEnd().split("\n");
  const reason = (lines.findLast((l) => /FATAL|PANIC/.test(l)) ?? lines.at(-1) ?? "").replace(
    /^.*?(FATAL|PANIC):\s*/,
    "",
  );
  return `Embedded PostgreSQL did not start (${reason.trim() || "no reason logged"}): see ${logFile}, or set DATABASE_URL.`;
}

function runLog(logFile: string, from: number): string {
  return readFileSync(logFile).subarray(from).toString("utf8");
}

function lastLine(text: string): string {
  return text.trimEnd().split("\n").at(-1)?.trim() ?? "";
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0]!;
}

/** Messages in English whatever the machine's locale, since we read them. */
function postgresEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, NODE_ENV: process.env.NODE_ENV, LC_ALL: "C" };
}
