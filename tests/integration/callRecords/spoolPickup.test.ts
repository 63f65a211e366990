import { execFile, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { freePort } from "../../support/testApp";
import { startXmlCurlProcess } from "../../support/xmlCurlProcess";
import { CDR_SPOOL_DIR, spoolFileNames } from "../../unit/callRecords/cdrFixtures";
import { EXPECTED_LEGS } from "../../unit/callRecords/expectedLegs";
import { CAPTURE_NODE, seedCaptureWorld } from "./cdrTestbed";

// deploy/freeswitch/cdr-spool-pickup.sh run for real (bash, curl) against the real endpoint
// in the standalone `npm run xmlcurl` process, on copies of the captured err-log-dir files.
const execFileAsync = promisify(execFile);
const SCRIPT = join(process.cwd(), "deploy", "freeswitch", "cdr-spool-pickup.sh");
const CRED = `${CAPTURE_NODE.user}:${CAPTURE_NODE.secret}`;

let t: TestDatabase;
let sql: pg.Pool;
let seeded: Awaited<ReturnType<typeof seedCaptureWorld>>;
let server: ChildProcess;
let url: string;
const dirs: string[] = [];

type Run = { code: number; stdout: string; stderr: string };

async function pickUp(dir: string, env: Record<string, string> = {}): Promise<Run> {
  // Only what a cron job on a node would have; NODE_ENV because the project's ProcessEnv type requires it.
  const options = {
    encoding: "utf8" as const,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "test" as const,
      SWITCHBOARD_CDR_URL: url,
      SWITCHBOARD_CDR_CRED: CRED,
      ...env,
    },
  };
  try {
    const { stdout, stderr } = await execFileAsync("bash", [SCRIPT, dir], options);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

/** A fresh err-log-dir holding copies of the captured spool files. */
function spoolDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "sb-cdr-spool-"));
  dirs.push(dir);
  for (const name of spoolFileNames()) copyFileSync(join(CDR_SPOOL_DIR, name), join(dir, name));
  return dir;
}

const storedUuids = async () =>
  (await sql.query<{ call_uuid: string; domain_id: string }>("SELECT call_uuid, domain_id FROM call_record ORDER BY 1"))
    .rows;

beforeAll(async () => {
  t = await createTestDatabase();
  sql = new pg.Pool({ connectionString: t.url, max: 2 });
  seeded = await seedCaptureWorld(t.db);
  const xmlCurl = await startXmlCurlProcess(t.url);
  server = xmlCurl.child;
  url = `http://127.0.0.1:${xmlCurl.port}/freeswitch/cdr`;
});

afterAll(async () => {
  server?.kill("SIGTERM");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await sql?.end();
  await t?.drop();
});

describe("cdr-spool-pickup.sh", () => {
  it("keeps every file while Switchboard answers non-200 (here: a commit that fails → 500)", async () => {
    await sql.query(`CREATE FUNCTION refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'commit refused (test)'; END $$`);
    await sql.query(`CREATE CONSTRAINT TRIGGER refuse_commit AFTER INSERT ON call_record
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_commit()`);
    const dir = spoolDir();
    const run = await pickUp(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/kept .*\.cdr\.json \(HTTP 500\)/);
    expect(run.stdout).toContain("0 delivered, 3 kept");
    expect(readdirSync(dir).sort()).toEqual(spoolFileNames());
    expect(await storedUuids()).toEqual([]);
    await sql.query("DROP TRIGGER refuse_commit ON call_record");
  });

  it("keeps the files when the credentials are wrong (401) or Switchboard is unreachable", async () => {
    const dir = spoolDir();
    const wrong = await pickUp(dir, { SWITCHBOARD_CDR_CRED: `${CAPTURE_NODE.user}:wrong` });
    expect(wrong.stderr).toMatch(/\(HTTP 401\)/);
    const closedPort = await freePort();
    const down = await pickUp(dir, { SWITCHBOARD_CDR_URL: `http://127.0.0.1:${closedPort}/freeswitch/cdr` });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/\(HTTP 000\)/);
    expect(readdirSync(dir).sort()).toEqual(spoolFileNames());
  });

  it("re-posts every spooled file (json raw, xml as cdr=…) and deletes each only after a 200", async () => {
    const dir = spoolDir();
    writeFileSync(join(dir, "a_truncated.cdr.json"), '{"core-uuid":"dccc9a8f","variables":{"uuid":');
    const run = await pickUp(dir, { SWITCHBOARD_CDR_CRED: "", SWITCHBOARD_CDR_CRED_FILE: credFile() });
    expect(run.stdout).toContain("3 delivered, 1 kept");
    expect(run.stderr).toMatch(/kept .*a_truncated\.cdr\.json \(HTTP 400\)/);
    expect(run.code).toBe(1);
    // Only the file Switchboard refused as "not a CDR" is left for someone to look at.
    expect(readdirSync(dir)).toEqual(["a_truncated.cdr.json"]);
    // Call 08 was spooled by both modules: one row. Call 09 by xml_cdr: one row. Both on the tenant.
    expect(await storedUuids()).toEqual(
      [EXPECTED_LEGS["08.a"]?.callUuid, EXPECTED_LEGS["09.a"]?.callUuid].map((call_uuid) => ({
        call_uuid,
        domain_id: seeded.domainId,
      })),
    );
  });

  it("delivers nothing twice: a second run over the same files stores no duplicate", async () => {
    const run = await pickUp(spoolDir());
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain("3 delivered, 0 kept");
    expect(await storedUuids()).toHaveLength(2);
  });
});

function credFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "sb-cdr-cred-"));
  dirs.push(dir);
  const file = join(dir, "switchboard-cdr.cred");
  writeFileSync(file, CRED, { mode: 0o600 });
  return file;
}
