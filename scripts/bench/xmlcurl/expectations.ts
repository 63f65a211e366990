import { readFileSync, writeFileSync } from "node:fs";

/**
 * Per request, the texts a right answer contains: written by the bench next to a requests
 * file (same order), read by pacedLoad.ts, which checks every answer against its own request's.
 * Kept apart from requests.ts so the load generator does not load the seeding code.
 */
const BETWEEN_TEXTS = "\x01";

export function writeExpectFile(path: string, expectations: readonly string[][]): string {
  writeFileSync(path, expectations.map((texts) => texts.join(BETWEEN_TEXTS)).join("\0"));
  return path;
}

export function readExpectFile(path: string): string[][] {
  return readFileSync(path, "utf8")
    .split("\0")
    .map((entry) => entry.split(BETWEEN_TEXTS));
}
