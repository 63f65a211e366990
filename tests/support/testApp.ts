import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, type TestDatabase } from "./database";
import type { DemoCredentials } from "@/server/seed/demoPlatform";

export type TestApp = {
  url: string;
  database: TestDatabase;
  credentials: DemoCredentials;
  stop: () => Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The real `npm start` path (custom server, migrations check, demo seed, workers) against a
 * fresh test database, on a free port. The production build must exist (tests/support/buildApp.ts).
 */
export async function startTestApp(
  extraEnv: Record<string, string> = {},
  // A second app process on another app's database (and its demo logins); stopping it leaves the database.
  shared?: Pick<TestApp, "database" | "credentials">,
): Promise<TestApp> {
  const database = shared?.database ?? (await createTestDatabase());
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "sb-app-"));
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      PORT: String(port),
      NEXTAUTH_URL: url,
      SWITCHBOARD_DATA_DIR: dataDir,
      SWITCHBOARD_SKIP_BUILD: "1",
      NODE_ENV: "production",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (b: Buffer) => (output += b.toString()));
  child.stderr?.on("data", (b: Buffer) => (output += b.toString()));
  const deadline = Date.now() + 90_000;
  while (!output.includes("Switchboard is running")) {
    if (child.exitCode !== null) throw new Error(`app exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`app did not start in 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const credentials =
    shared?.credentials ??
    (JSON.parse(readFileSync(join(dataDir, "demo-credentials.json"), "utf8")) as DemoCredentials);
  return {
    url,
    database,
    credentials,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
      if (child.exitCode === null) child.kill("SIGKILL");
      if (!shared) await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The demo login whose role description matches, e.g. /Tenant admin, Globex/. */
export function demoLogin(app: TestApp, role: RegExp): { email: string; password: string } {
  const login = app.credentials.logins.find((x) => role.test(x.role));
  if (!login) throw new Error(`no demo login for ${role}`);
  return login;
}
