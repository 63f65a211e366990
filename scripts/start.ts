/**
 * `npm start`: brings the whole app up on one machine with nothing but Node installed.
 * Embedded PostgreSQL when DATABASE_URL is unset, migrations, a demo platform on first
 * run, the web app + FreeSWITCH endpoint on PORT (default 3000), and the push workers.
 * `npm start` runs it with --max-semi-space-size=64 for the FreeSWITCH endpoint's sake
 * (see server/freeswitch/standalone.ts).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { ensureLocalSecret } from "@/server/runtime/localSecrets";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/server/runtime/embeddedPostgres";
import { applyMigrations } from "@/server/runtime/migrate";
import { buildIfStale } from "@/server/runtime/buildIfStale";
import { dataDirOfCheckout, forgetRunningInstance, recordRunningInstance } from "@/server/runtime/runningInstance";
import { StartupError } from "@/server/runtime/startupError";
import { SupervisedProcess } from "@/server/runtime/supervisedProcess";
import { DemoCredentialsSchema, demoSummary } from "@/server/seed/demoSummary";

const dev = process.argv.includes("--dev");
const dataDir = dataDirOfCheckout();
const port = Number(process.env.PORT ?? 3000);

// What is running so far, stopped in reverse order of starting (web, then workers, then the database).
let embedded: EmbeddedDatabase | undefined;
let server: Server | undefined;
let workers: SupervisedProcess | undefined;
let stopping: Promise<void> | undefined;

async function main() {
  // npm forwards a terminal's Ctrl-C and the terminal sends it too: both join the one shutdown.
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  ensureLocalSecret("SWITCHBOARD_SECRET_KEY", join(dataDir, "secret.key"));
  ensureLocalSecret("NEXTAUTH_SECRET", join(dataDir, "nextauth.secret"));
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  process.env.NEXT_TELEMETRY_DISABLED = "1";

  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres(dataDir, Number(process.env.EMBEDDED_PG_PORT ?? 54329));
    process.env.DATABASE_URL = embedded.url;
    console.log(`Embedded PostgreSQL running (data in ${embedded.databaseDir}, log ${embedded.logFile})`);
  }
  recordRunningInstance(dataDir, { pid: process.pid, embeddedDatabaseUrl: embedded?.url });
  if (stopping) return;
  applyMigrations(process.env.DATABASE_URL);

  // Imported after DATABASE_URL is known: the client reads it on first use.
  const { db } = await import("@/server/db/client");
  const credentialsFile = join(dataDir, "demo-credentials.json");
  if ((await db().user.count()) === 0) {
    const { seedDemoPlatform } = await import("@/server/seed/demoPlatform");
    writeFileSync(credentialsFile, JSON.stringify(await seedDemoPlatform(db()), null, 2), { mode: 0o600 });
  }

  // Tests build once up front and start many apps; SWITCHBOARD_SKIP_BUILD lets them skip the check.
  if (!dev && !process.env.SWITCHBOARD_SKIP_BUILD) buildIfStale();
  const { startAppServer } = await import("@/server/http/appServer");
  server = await startAppServer({ dev, port });
  if (stopping) return;
  workers = new SupervisedProcess("workers", ["--import", "tsx", join("workers", "main.ts")]);
  workers.start();

  console.log(`\nSwitchboard is running at http://localhost:${port}`);
  console.log(`FreeSWITCH xml_curl endpoint: POST http://localhost:${port}/freeswitch/xml`);
  if (existsSync(credentialsFile)) {
    const creds = DemoCredentialsSchema.parse(JSON.parse(readFileSync(credentialsFile, "utf8")));
    console.log(demoSummary(creds, port));
  }
}

/** Stops what was started, the database last so nothing above it loses its connections mid-work. */
function stop(exitCode: number): Promise<void> {
  // A failed start has said why in one sentence already; a requested stop says what it does.
  const say = (line: string) => exitCode === 0 && console.log(line);
  stopping ??= (async () => {
    say("\nStopping Switchboard…");
    if (server) await closeServer(server);
    await workers?.stop();
    if (embedded) {
      // In-process connections (portal, FreeSWITCH endpoint) go before the database does.
      const { db } = await import("@/server/db/client");
      await db().$disconnect();
      await embedded.stop();
    }
    forgetRunningInstance(dataDir);
    say("Switchboard stopped.");
    process.exit(exitCode);
  })();
  return stopping;
}

/** Stops accepting, lets requests in flight finish for a few seconds, then drops what is left. */
async function closeServer(s: Server): Promise<void> {
  const closed = new Promise((resolve) => s.close(resolve));
  s.closeIdleConnections();
  const force = setTimeout(() => s.closeAllConnections(), 5000);
  await closed;
  clearTimeout(force);
}

main().catch((err: unknown) => {
  // Startup errors carry the sentence to show; anything else is shown by its message, not a stack.
  const message = err instanceof Error ? err.message.split("\n")[0] : String(err);
  console.error(err instanceof StartupError ? message : `Switchboard did not start: ${message}`);
  void stop(1);
});
