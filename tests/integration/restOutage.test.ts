import { createServer, connect, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlatformApiToken } from "@/server/apiTokens/service";
import { createRestHandler, type RestHandler } from "@/server/api/rest/handler";
import { createDb, type Db } from "@/server/db/client";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { freePort } from "../support/testApp";

// A real database outage: the app reaches PostgreSQL through a TCP relay that the test then
// tears down (open connections reset, new ones refused), as when the database host goes away.

let t: TestDatabase;
let relay: Server;
let relayPort: number;
const relayed = new Set<Socket>();
let appDb: Db;
let api: RestHandler;
let token: string;

function startRelay(port: number, target: URL): Promise<Server> {
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      relayed.add(s);
      s.on("close", () => relayed.delete(s));
      s.on("error", () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

function stopRelay(): Promise<void> {
  for (const s of relayed) s.destroy();
  return new Promise((resolve) => relay.close(() => resolve()));
}

const call = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
  api(
    new Request(`http://switchboard.test/api/v1${path}`, {
      method,
      body,
      headers: { authorization: `Bearer ${token}`, "x-forwarded-for": "198.51.100.30", ...headers },
    }),
  );

async function expectDocumentedError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ code });
  expect(typeof body.message).toBe("string");
}

beforeAll(async () => {
  t = await createTestDatabase();
  const platform = { db: t.db, actor: { userId: null, tokenId: null, label: "test", ip: null } };
  token = (await createPlatformApiToken(platform, { name: "outage" })).token;
  relayPort = await freePort();
  relay = await startRelay(relayPort, new URL(t.url));
  const viaRelay = new URL(t.url);
  viaRelay.host = `127.0.0.1:${relayPort}`;
  // pg waits for a connection indefinitely by default; a bounded wait is what the app needs too.
  viaRelay.searchParams.set("connect_timeout", "2");
  appDb = createDb(viaRelay.toString(), 2);
  api = createRestHandler({ db: () => appDb, rateLimit: { perSecond: 1000, burst: 1000 } });
});

afterAll(async () => {
  await appDb?.$disconnect().catch(() => undefined);
  await t?.drop();
});

describe("REST errors keep the documented shape", () => {
  it("answers a 2 MB body with 413 payload_too_large", async () => {
    const res = await call("POST", "/domains", JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }), {
      "content-type": "application/json",
    });
    await expectDocumentedError(res, 413, "payload_too_large");
  });

  it("answers 503 unavailable with Retry-After while the database is down, and recovers after", async () => {
    expect((await call("GET", "/domains")).status).toBe(200);
    await stopRelay();

    for (const [method, path, body] of [
      ["GET", "/domains", undefined],
      ["GET", "/nodes", undefined],
      ["POST", "/domains", JSON.stringify({ name: "down.example.com" })],
    ] as const) {
      const res = await call(method, path, body, body ? { "content-type": "application/json" } : {});
      await expectDocumentedError(res, 503, "unavailable");
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    }

    relay = await startRelay(relayPort, new URL(t.url));
    expect((await call("GET", "/domains")).status).toBe(200);
  });
});
