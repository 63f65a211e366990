import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { EslParser, type EslMessage } from "@/server/cluster/esl/eslParser";

/** The captured FreeSWITCH ESL streams and replies, read in place (never copied into the project). */
export const OPS_FIXTURE_DIR = join(process.cwd(), "..", "shared", "fixtures", "freeswitch-ops");

export function opsFixtureNames(folder: "events" | "esl"): string[] {
  return readdirSync(join(OPS_FIXTURE_DIR, folder))
    .filter((f) => f.endsWith(".esl"))
    .sort();
}

export function readOpsFixture(folder: "events" | "esl", name: string): Buffer {
  return readFileSync(join(OPS_FIXTURE_DIR, folder, name));
}

/** The body of a captured `api` reply (esl/api_*.esl). */
export function apiReplyBody(name: string): string {
  const [reply] = new EslParser().push(readOpsFixture("esl", name));
  if (!reply) throw new Error(`no reply in ${name}`);
  return reply.body;
}

/** A captured stream's messages, fed to the parser in small uneven chunks as TCP may deliver them. */
export function messagesOf(bytes: Buffer, chunk = 97): EslMessage[] {
  const parser = new EslParser();
  const out: EslMessage[] = [];
  for (let i = 0; i < bytes.length; i += chunk) out.push(...parser.push(bytes.subarray(i, i + chunk)));
  return out;
}
