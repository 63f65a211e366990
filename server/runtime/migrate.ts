import { execFileSync } from "node:child_process";

/** Applies the committed migrations (idempotent) with Prisma's JavaScript schema engine. */
export function applyMigrations(databaseUrl: string): void {
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
