import { readFileSync } from "node:fs";
import { request } from "node:http";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { eventually } from "../../support/eventually";
import { startXmlCurlProcess, type XmlCurlProcess } from "../../support/xmlCurlProcess";
import { readCapturedPost } from "../../unit/callRecords/cdrFixtures";
import { basicAuth, CAPTURE_NODE, seedCaptureWorld } from "../callRecords/cdrTestbed";

// `XMLCURL_WORKERS=2 npm run xmlcurl`: one port served by two processes (node:cluster).
let t: TestDatabase;
let sql: pg.Pool;
let xmlCurl: XmlCurlProcess;

const A_LEG = "01-answered-1001-1002.a-leg.json_cdr.http";

/** The worker processes of the primary, by pid (Linux: the primary's children). */
function workerPids(primary: number): number[] {
  const children = readFileSync(`/proc/${primary}/task/${primary}/children`, "utf8").trim();
  return children === "" ? [] : children.split(/\s+/).map(Number);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** One post on a new connection, as mod_xml_curl/mod_json_cdr make them. */
function postCdr(): Promise<number> {
  const body = readCapturedPost(A_LEG).body;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent: false,
        host: "127.0.0.1",
        port: xmlCurl.port,
        path: "/freeswitch/cdr",
        method: "POST",
        headers: { Authorization: basicAuth(CAPTURE_NODE.user, CAPTURE_NODE.secret), "Content-Length": body.length },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  sql = new pg.Pool({ connectionString: t.url, max: 1 });
  await seedCaptureWorld(t.db);
  xmlCurl = await startXmlCurlProcess(t.url, { XMLCURL_WORKERS: "2" });
});

afterAll(async () => {
  xmlCurl?.child.kill("SIGKILL");
  await sql?.end();
  await t?.drop();
});

describe("the xml_curl/CDR process with XMLCURL_WORKERS=2", () => {
  it("says it listens once both workers do, and answers from them", async () => {
    expect(xmlCurl.output()).toContain("(2 workers)");
    expect(workerPids(xmlCurl.child.pid as number)).toHaveLength(2);
    expect(await postCdr()).toBe(200);
    expect((await sql.query("SELECT count(*)::int AS n FROM call_record")).rows[0].n).toBe(1);
  });

  it("replaces a worker that dies, and keeps answering meanwhile", async () => {
    const primary = xmlCurl.child.pid as number;
    const [victim, survivor] = workerPids(primary) as [number, number];
    process.kill(victim, "SIGKILL");
    expect(await postCdr()).toBe(200);
    await eventually(async () => {
      const now = workerPids(primary);
      expect(now).toHaveLength(2);
      expect(now).toContain(survivor);
      expect(now).not.toContain(victim);
    }, 10_000);
    expect(xmlCurl.output()).toMatch(new RegExp(`worker ${victim} exited \\(SIGKILL\\); starting another`));
  });

  it("stops every worker and then itself on SIGTERM", async () => {
    const primary = xmlCurl.child.pid as number;
    const workers = workerPids(primary);
    const exited = new Promise<number | null>((resolve) => xmlCurl.child.once("exit", resolve));
    xmlCurl.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(workers.filter(alive)).toEqual([]);
  });
});
