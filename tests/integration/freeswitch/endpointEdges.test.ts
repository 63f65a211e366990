import type { ChildProcess } from "node:child_process";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notFoundDocument } from "@/server/freeswitch/xml";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { startXmlCurlProcess } from "../../support/xmlCurlProcess";
import { readSharedFixture } from "../../unit/freeswitch/sharedFixtures";
import { basicAuth, NODE, seedSwitchboard } from "./seed";

// The FreeSWITCH endpoints as `npm run xmlcurl` serves them (the real process and its
// dispatch), at their edges: wrong methods, missing credentials, oversize bodies.

let t: TestDatabase;
let server: ChildProcess;
let port: number;
const auth = basicAuth(NODE.user, NODE.secret);

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/**
 * One request on its own connection. `body` is written in 64 KiB chunks; `withholdBody` sends
 * only the headers (Content-Length promises a body that never comes), so an answer proves the
 * server did not wait for the body. A connection reset rejects.
 */
function send(
  method: string,
  path: string,
  opts: { authorization?: string; body?: Buffer; withholdBody?: number } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const length = opts.withholdBody ?? opts.body?.length ?? 0;
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method,
        agent: false,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          ...(length || method === "POST" ? { "content-length": String(length) } : {}),
          ...(opts.authorization ? { authorization: opts.authorization } : {}),
        },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
          req.destroy();
        });
      },
    );
    req.on("error", reject);
    if (opts.withholdBody) return req.flushHeaders();
    const body = opts.body ?? Buffer.alloc(0);
    for (let i = 0; i < body.length; i += 65536) req.write(body.subarray(i, i + 65536));
    req.end();
  });
}

const oversize = (bytes: number) => Buffer.from(`section=directory&${"a".repeat(bytes)}`);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedSwitchboard(t.db);
  const xmlCurl = await startXmlCurlProcess(t.url);
  server = xmlCurl.child;
  port = xmlCurl.port;
});

afterAll(async () => {
  server?.kill("SIGTERM");
  await t?.drop();
});

describe("the FreeSWITCH endpoints at their edges", () => {
  it("answers a normal request (the path still works)", async () => {
    const reply = await send("POST", "/freeswitch/xml", {
      authorization: auth,
      body: Buffer.from(readSharedFixture("directory-sip_auth-register.body")),
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatch(/<param name="a1-hash" value="[0-9a-f]{32}"\/>/);
  });

  it("answers other methods with 405 and Allow: POST on both paths", async () => {
    for (const path of ["/freeswitch/xml", "/freeswitch/cdr"]) {
      for (const method of ["GET", "PUT", "DELETE"]) {
        const reply = await send(method, path, { authorization: auth });
        expect(reply.status, `${method} ${path}`).toBe(405);
        expect(reply.headers.allow).toBe("POST");
      }
    }
  });

  it("checks credentials from the headers alone: 401 without waiting for the body", async () => {
    for (const path of ["/freeswitch/xml", "/freeswitch/cdr"]) {
      const reply = await send("POST", path, { withholdBody: 500_000 });
      expect(reply.status).toBe(401);
      expect(reply.headers["www-authenticate"]).toMatch(/^Basic realm=/);
      const wrong = await send("POST", path, { authorization: basicAuth(NODE.user, "wrong"), withholdBody: 500_000 });
      expect(wrong.status).toBe(401);
    }
  });

  it("answers an authenticated node's oversize body with the not-found document (xml) and 413 (cdr)", async () => {
    const xml = await send("POST", "/freeswitch/xml", { authorization: auth, body: oversize(2 << 20) });
    expect(xml.status).toBe(200);
    expect(xml.headers["content-type"]).toMatch(/^text\/xml/);
    expect(xml.body).toBe(notFoundDocument);

    const cdr = await send("POST", "/freeswitch/cdr", { authorization: auth, body: oversize(5 << 20) });
    expect(cdr.status).toBe(413);
  });
});
