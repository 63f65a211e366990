import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The captured request bodies, read in place (never copied into the project). */
export const SHARED_FIXTURE_DIR = join(process.cwd(), "..", "shared", "fixtures", "freeswitch");

export function sharedFixtureNames(): string[] {
  return readdirSync(SHARED_FIXTURE_DIR)
    .filter((f) => f.endsWith(".body"))
    .sort();
}

export function readSharedFixture(name: string): string {
  return readFileSync(join(SHARED_FIXTURE_DIR, name), "utf8");
}
