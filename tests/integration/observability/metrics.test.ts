import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRestHandler, type RestHandler } from "@/server/api/rest/handler";
import { createPlatformApiToken } from "@/server/apiTokens/service";
import { authOptions } from "@/server/auth/authOptions";
import { createDb, type Db } from "@/server/db/client";
import { defaultXmlCurlSettings, XmlCurlService } from "@/server/freeswitch/xmlCurlService";
import { createOpsHandler } from "@/server/observability/opsEndpoints";
import { CLUSTER_EVENTS_QUEUE, type OutboxJob } from "@/workers/jobs";
import { queueBackend } from "@/workers/queueBackend";
import { registerWorkerMetrics } from "@/workers/workerMetrics";
import { createUser } from "../../support/callers";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { parseExposition, sample, serveOps, type Samples } from "../../support/scrape";
import { readSharedFixture } from "../../unit/freeswitch/sharedFixtures";
import { serveXmlCurl } from "../freeswitch/httpClient";
import { basicAuth, NODE, seedSwitchboard } from "../freeswitch/seed";

// Real traffic against a real database, then a scrape over HTTP: the counts must be the ones
// that traffic produced. Metrics are per process, so each check compares two scrapes.

const TOKEN = "metrics-token-for-tests";
const auth = basicAuth(NODE.user, NODE.secret);
const REGISTER = readSharedFixture("directory-sip_auth-register.body");
const INVITE = readSharedFixture("dialplan-sip-invite.body");

let t: TestDatabase;
let ops: Awaited<ReturnType<typeof serveOps>>;
let endpoint: Awaited<ReturnType<typeof serveXmlCurl>>;
let api: RestHandler;
let platformToken: string;

const scrape = async (): Promise<Samples> => {
  const res = await ops.get("/metrics", { authorization: `Bearer ${TOKEN}` });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await res.text());
};

/** How much each listed series grew across `traffic`. */
async function growth(traffic: () => Promise<unknown>, series: [string, Record<string, string>?][]) {
  const before = await scrape();
  await traffic();
  const after = await scrape();
  return series.map(([name, labels]) => sample(after, name, labels) - sample(before, name, labels));
}

const xmlCurlCount = (section: string, outcome: string): [string, Record<string, string>] => [
  "switchboard_xmlcurl_request_duration_seconds_count",
  { section, outcome },
];
const cache = (result: string): [string, Record<string, string>] => [
  "switchboard_xmlcurl_cache_lookups_total",
  { result },
];

beforeAll(async () => {
  t = await createTestDatabase();
  await seedSwitchboard(t.db);
  const service = new XmlCurlService(t.db, t.db, defaultXmlCurlSettings, () => {});
  endpoint = await serveXmlCurl(service);
  ops = await serveOps(createOpsHandler({ db: () => t.db, metrics: { token: TOKEN } }));
  api = createRestHandler({ db: () => t.db, rateLimit: { perSecond: 1000, burst: 1000 } });
  const platform = { db: t.db, actor: { userId: null, tokenId: null, label: "test", ip: null } };
  platformToken = (await createPlatformApiToken(platform, { name: "metrics" })).token;
});

afterAll(async () => {
  await endpoint?.close();
  await ops?.close();
  await t?.drop();
});

describe("/metrics access", () => {
  it("refuses a scrape without the bearer token, or with another", async () => {
    expect((await ops.get("/metrics")).status).toBe(401);
    const wrong = await ops.get("/metrics", { authorization: "Bearer not-the-token-at-all" });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toBe("Bearer");
  });

  it("is not served at all where metrics are off (a public port without METRICS_TOKEN)", async () => {
    const off = await serveOps(createOpsHandler({ db: () => t.db, metrics: "off" }));
    try {
      expect((await off.get("/metrics")).status).toBe(404);
      expect((await off.get("/healthz")).status).toBe(200);
    } finally {
      await off.close();
    }
  });
});

describe("xml_curl traffic", () => {
  it("counts answer-cache hits and misses", async () => {
    const [registers, hits, misses] = await growth(async () => {
      for (let i = 0; i < 5; i++) expect((await endpoint.post(REGISTER, auth)).status).toBe(200);
    }, [xmlCurlCount("directory", "answered"), cache("hit"), cache("miss")]);
    // A REGISTER reads the node, the domain gate and the user: 3 misses, then 3 hits per request.
    expect({ registers, hits, misses }).toEqual({ registers: 5, hits: 4 * 3, misses: 3 });
  });

  it("counts requests by section and outcome", async () => {
    const [registers, invites, refused, forbidden] = await growth(async () => {
      for (let i = 0; i < 2; i++) expect((await endpoint.post(REGISTER, auth)).status).toBe(200);
      for (let i = 0; i < 3; i++) expect((await endpoint.post(INVITE, auth)).status).toBe(200);
      for (let i = 0; i < 2; i++)
        expect((await endpoint.post(REGISTER, basicAuth(NODE.user, "wrong"))).status).toBe(401);
      const otherHost = `hostname=fs-node-99&${REGISTER}`;
      expect((await endpoint.post(otherHost, auth)).status).toBe(403);
    }, [
      xmlCurlCount("directory", "answered"),
      xmlCurlCount("dialplan", "answered"),
      xmlCurlCount("unknown", "unauthorized"),
      xmlCurlCount("directory", "forbidden"),
    ]);
    expect({ registers, invites, refused, forbidden }).toEqual({ registers: 2, invites: 3, refused: 2, forbidden: 1 });
  });

  it("puts hits in the histogram's low buckets and sums their time", async () => {
    const after = await scrape();
    const labels = { section: "directory", outcome: "answered" };
    const count = sample(after, "switchboard_xmlcurl_request_duration_seconds_count", labels);
    const inf = sample(after, "switchboard_xmlcurl_request_duration_seconds_bucket", { ...labels, le: "+Inf" });
    const sum = sample(after, "switchboard_xmlcurl_request_duration_seconds_sum", labels);
    expect(inf).toBe(count);
    expect(sum).toBeGreaterThan(0);
    expect(sum / count).toBeLessThan(1);
  });

  it("serves the last good answer while the database is gone, and counts stale answers and database errors", async () => {
    const doomed = await createTestDatabase();
    await seedSwitchboard(doomed.db);
    // Its own client: the one `drop` disconnects would not be left failing.
    const reader: Db = createDb(doomed.url, 2);
    const service = new XmlCurlService(reader, reader, defaultXmlCurlSettings, () => {});
    const alone = await serveXmlCurl(service);
    try {
      expect((await alone.post(REGISTER, auth)).body).toContain("a1-hash");
      service.cache.markAllStale();
      const dropped = (samples: Samples) =>
        sample(samples, "switchboard_database_errors_total", { component: "connection" });
      const droppedBefore = dropped(await scrape());
      await doomed.drop();
      await new Promise((r) => setTimeout(r, 100));
      const [stale, dbErrors, answered] = await growth(
        async () => expect((await alone.post(REGISTER, auth)).body).toContain("a1-hash"),
        [
          cache("stale"),
          ["switchboard_database_errors_total", { component: "xmlcurl" }],
          xmlCurlCount("directory", "answered"),
        ],
      );
      // The pooled connection the drop terminated was counted too.
      expect(dropped(await scrape())).toBeGreaterThan(droppedBefore);
      // The node's reload fails (stale, one error); gate and user are then served stale without retrying.
      expect({ stale, dbErrors, answered }).toEqual({ stale: 3, dbErrors: 1, answered: 1 });
    } finally {
      await alone.close();
      await reader.$disconnect();
    }
  });
});

describe("REST traffic", () => {
  const rest = (method: string, path: string, token: string | null = platformToken, body?: unknown) =>
    api(
      new Request(`http://switchboard.test/api/v1${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body ? { "content-type": "application/json" } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      }),
    );

  it("counts requests by route template and status", async () => {
    const [listed, missing, unauthorized, unmatched] = await growth(async () => {
      for (let i = 0; i < 3; i++) expect((await rest("GET", "/domains")).status).toBe(200);
      expect((await rest("GET", "/domains/no-such-domain")).status).toBe(404);
      expect((await rest("GET", "/domains", null)).status).toBe(401);
      expect((await rest("GET", "/no/such/path")).status).toBe(404);
    }, [
      ["switchboard_rest_requests_total", { method: "GET", route: "/domains", status: "200" }],
      ["switchboard_rest_requests_total", { method: "GET", route: "/domains/{id}", status: "404" }],
      ["switchboard_rest_requests_total", { method: "GET", route: "/domains", status: "401" }],
      ["switchboard_rest_requests_total", { method: "GET", route: "unmatched", status: "404" }],
    ]);
    expect({ listed, missing, unauthorized, unmatched }).toEqual({
      listed: 3,
      missing: 1,
      unauthorized: 1,
      unmatched: 1,
    });
  });
});

describe("sign-in failures", () => {
  type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
  const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

  it("counts each refused password, not the accepted one", async () => {
    process.env.DATABASE_URL = t.url; // authorize uses the app's db()
    await createUser(t.db, "ops@itsp.example", { role: "PLATFORM_ADMIN" });
    const [failures] = await growth(async () => {
      const headers = { "x-forwarded-for": "198.51.100.30" };
      expect(await authorize({ email: "ops@itsp.example", password: "wrong-1" }, { headers })).toBeNull();
      expect(await authorize({ email: "nobody@itsp.example", password: "wrong-2" }, { headers })).toBeNull();
      expect(await authorize({ email: "ops@itsp.example", password: "fixture-password" }, { headers })).not.toBeNull();
    }, [["switchboard_signin_failures_total"]]);
    expect(failures).toBe(2);
  });
});

describe("worker metrics: push lag, outbox backlog, queue depth", () => {
  it("reports desired vs applied revision per proxy and node, unsent outbox rows and queued jobs", async () => {
    const backend = queueBackend({
      redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
      databaseUrl: t.url,
      prefix: `metrics-${t.name}`,
    });
    const queue = backend.queue<OutboxJob>(CLUSTER_EVENTS_QUEUE);
    const depth = backend.depth(CLUSTER_EVENTS_QUEUE);
    try {
      registerWorkerMetrics(t.db, { [CLUSTER_EVENTS_QUEUE]: depth });
      const revisions = await Promise.all(
        [1, 2, 3].map((i) => t.db.clusterRevision.create({ data: { reason: `r${i}` } })),
      );
      const newest = revisions.reduce((a, r) => (r.id > a ? r.id : a), 0n);
      await t.db.outboxEvent.createMany({
        data: revisions.map((r) => ({ revisionId: r.id, topic: "kamailio.sync", payload: {} })),
      });
      await t.db.sipProxy.create({
        data: { name: "kam-behind", rpcUrl: "http://192.0.2.50:5071/RPC", appliedRevision: newest - 2n },
      });
      await t.db.sipProxy.create({
        data: { name: "kam-current", rpcUrl: "http://192.0.2.51:5071/RPC", appliedRevision: newest },
      });
      for (let i = 0; i < 4; i++)
        await queue.add("event", { outboxId: String(i), revision: String(newest), event: { topic: "kamailio.sync" } });

      const s = await scrape();
      expect(sample(s, "switchboard_cluster_desired_revision", { target: "kamailio" })).toBe(Number(newest));
      expect(sample(s, "switchboard_proxy_applied_revision", { proxy: "kam-behind" })).toBe(Number(newest - 2n));
      expect(sample(s, "switchboard_proxy_revision_lag", { proxy: "kam-behind" })).toBe(2);
      expect(sample(s, "switchboard_proxy_revision_lag", { proxy: "kam-current" })).toBe(0);
      // The seeded nodes applied nothing; no FreeSWITCH-side revision exists yet either.
      expect(sample(s, "switchboard_node_applied_revision", { node: NODE.hostname })).toBe(0);
      expect(s.has(`switchboard_node_revision_lag{node="${NODE.hostname}"}`)).toBe(true);
      expect(sample(s, "switchboard_outbox_backlog")).toBe(
        await t.db.outboxEvent.count({ where: { dispatchedAt: null } }),
      );
      expect(sample(s, "switchboard_outbox_backlog")).toBeGreaterThanOrEqual(3);
      expect(sample(s, "switchboard_outbox_oldest_age_seconds")).toBeGreaterThanOrEqual(0);
      expect(sample(s, "switchboard_queue_jobs", { queue: CLUSTER_EVENTS_QUEUE, state: "waiting" })).toBe(4);
    } finally {
      await queue.close();
      await depth.close();
    }
  });
});
