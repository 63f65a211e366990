import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { StartupError } from "./startupError";

/**
 * What `npm start` records in the data folder while it runs, so command-line tools of the same checkout
 * (`npm run token:create`) find its embedded database without being given its environment.
 */
const RunningInstanceSchema = z.object({ pid: z.number().int(), embeddedDatabaseUrl: z.string().url().optional() });
export type RunningInstance = z.infer<typeof RunningInstanceSchema>;

export function dataDirOfCheckout(): string {
  return resolve(process.env.SWITCHBOARD_DATA_DIR ?? ".data");
}

const fileIn = (dataDir: string) => join(dataDir, "instance.json");

export function recordRunningInstance(dataDir: string, instance: RunningInstance): void {
  writeFileSync(fileIn(dataDir), JSON.stringify(instance), { mode: 0o600 });
}

export function forgetRunningInstance(dataDir: string): void {
  rmSync(fileIn(dataDir), { force: true });
}

/** DATABASE_URL if set, else the embedded database of the `npm start` running from this checkout. */
export function databaseUrlOfRunningInstance(dataDir: string): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const file = fileIn(dataDir);
  const instance = existsSync(file) ? RunningInstanceSchema.safeParse(JSON.parse(readFileSync(file, "utf8"))) : null;
  if (!instance?.success || !isAlive(instance.data.pid)) {
    throw new StartupError(
      `No \`npm start\` is running from this checkout (${dataDir}): start it, or set DATABASE_URL.`,
    );
  }
  if (!instance.data.embeddedDatabaseUrl) {
    throw new StartupError("The running `npm start` uses its own DATABASE_URL: set the same DATABASE_URL here.");
  }
  return instance.data.embeddedDatabaseUrl;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
