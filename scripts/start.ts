/**
 * `npm start`: brings the whole app up on one machine with nothing but Node installed.
 * Embedded PostgreSQL when DATABASE_URL is unset, migrations, a demo platform on first
 * run, the web app + FreeSWITCH endpoint on PORT (default 3000), and the push workers.
 * `npm start` runs it with --max-semi-space-size=64 for the FreeSWITCH endpoint's sake
 * (see server/freeswitch/standalone.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ensureLocalSecret } from "@/server/runtime/localSecrets";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/server/runtime/embeddedPostgres";
import { applyMigrations } from "@/server/runtime/migrate";
import { buildIfStale } from "@/server/runtime/buildIfStale";

const dev = process.argv.includes("--dev");
const dataDir = resolve(process.env.SWITCHBOARD_DATA_DIR ?? ".data");
const port = Number(process.env.PORT ?? 3000);

async function main() {
  ensureLocalSecret("SWITCHBOARD_SECRET_KEY", join(dataDir, "secret.key"));
  ensureLocalSecret("NEXTAUTH_SECRET", join(dataDir, "nextauth.secret"));
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  process.env.NEXT_TELEMETRY_DISABLED = "1";

  let embedded: EmbeddedDatabase | undefined;
  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres(dataDir, Number(process.env.EMBEDDED_PG_PORT ?? 54329));
    process.env.DATABASE_URL = embedded.url;
    console.log(`Embedded PostgreSQL running (data in ${join(dataDir, "postgres")})`);
  }
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
  const server = await startAppServer({ dev, port });
  const workers = startWorkers();

  console.log(`\nSwitchboard is running at http://localhost:${port}`);
  console.log(`FreeSWITCH xml_curl endpoint: POST http://localhost:${port}/freeswitch/xml`);
  if (existsSync(credentialsFile)) printDemoCredentials(credentialsFile);

  const shutdown = async () => {
    workers?.kill("SIGTERM");
    server.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
}

/** The push workers run as their own process (restarted if they die), as in production. */
function startWorkers(): ChildProcess | undefined {
  const entry = join("workers", "main.ts");
  if (!existsSync(entry)) return undefined;
  const child = spawn(process.execPath, ["--import", "tsx", entry], { stdio: "inherit", env: process.env });
  child.on("exit", (code, signal) => {
    if (signal === "SIGTERM") return;
    console.error(`workers exited (${code ?? signal}); restarting in 2 s`);
    setTimeout(startWorkers, 2000);
  });
  return child;
}

function printDemoCredentials(file: string) {
  const creds = JSON.parse(readFileSync(file, "utf8")) as import("@/server/seed/demoPlatform").DemoCredentials;
  console.log("\nDemo logins (demo data only; change them for real use):");
  for (const l of creds.logins) console.log(`  ${l.role.padEnd(38)} ${l.email.padEnd(30)} ${l.password}`);
  console.log(
    "\nDemo SIP phones: any of",
    creds.phones.map((p) => `${p.user}@${p.domain}`).join(", "),
    `password ${creds.phones[0]?.password}`,
  );
  console.log("\nFreeSWITCH nodes (xml_curl gateway-credentials, HTTP Basic):");
  for (const n of creds.nodes) console.log(`  ${n.hostname.padEnd(12)} ${n.xmlCurlUser}:${n.xmlCurlSecret}`);
  console.log("");
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
