import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * For the zero-setup start only: a secret that is not in the environment is created
 * once under the git-ignored data folder and reused, so sessions and sealed secrets
 * survive restarts. Production sets these variables explicitly.
 */
export function ensureLocalSecret(envName: string, file: string): void {
  if (process.env[envName]) return;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  process.env[envName] = readFileSync(file, "utf8").trim();
}
