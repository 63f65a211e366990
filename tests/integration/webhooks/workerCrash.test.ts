import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { webhookEventId } from "@/server/webhooks/eventTypes";
import { startWorker, type WorkerProcess } from "../../cluster/support/workerProcess";
import { callerAs, createUser } from "../../support/callers";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { eventually } from "../../support/eventually";
import { startWebhookReceiver, type WebhookReceiver } from "../../support/webhookReceiver";

// "Done means": delivery survives a receiver outage and a worker SIGKILL without loss, and
// without duplicates by id. A real `npm run worker` process is killed while its requests to
// the receiver are in flight; a second one takes over.

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
const EVENTS = 10;

let t: TestDatabase;
let receiver: WebhookReceiver;
let admin: Awaited<ReturnType<typeof callerAs>>;
let domainId: string;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  receiver = await startWebhookReceiver();
  const platform = await callerAs(t.db, await createUser(t.db, "ops@itsp.example", { role: "PLATFORM_ADMIN" }));
  domainId = (
    await platform.domains.create({
      name: "crash.example.com",
      displayName: "Crash",
      maxExtensions: 100,
      maxConcurrentCalls: 5,
      allowTenantRoutes: false,
    })
  ).id;
  admin = await callerAs(t.db, await createUser(t.db, "admin@crash.example.com", { role: "TENANT_ADMIN", domainId }));
});

afterAll(async () => {
  for (const w of workers) await w.kill("SIGKILL");
  await receiver.close();
  await t.drop();
});

describe.each([
  ["redis", { REDIS_URL }, "30"],
  ["postgres", {}, "40"],
] as const)("webhook worker on %s, SIGKILLed mid-delivery", (_kind, queueEnv, prefix) => {
  it("loses no event: every id reaches the receiver, a re-sent one carries the same id, and dedup by id processes each exactly once", async () => {
    receiver.processed.clear();
    receiver.arrivals.length = 0;
    for (const e of await admin.webhooks.list({ domainId })) await admin.webhooks.delete({ domainId, id: e.id });
    const { endpoint, secret } = await admin.webhooks.create({
      domainId,
      url: receiver.url,
      events: ["extension.created"],
    });
    receiver.setSecret(secret);
    const env = {
      ...queueEnv,
      DATABASE_URL: t.url,
      QUEUE_PREFIX: `whc${randomBytes(4).toString("hex")}`,
      WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
      WEBHOOK_RETRY_BASE_MS: "200",
      WEBHOOK_RETRY_MAX_MS: "1000",
      WEBHOOK_RETRY_WINDOW_MS: "600000",
      WEBHOOK_LOCK_DURATION_MS: "2000",
      WEBHOOK_SWEEP_MS: "500",
    };

    // Outage: the receiver refuses everything.
    receiver.setMode("fail");
    const first = startWorker(env);
    workers.push(first);
    for (let i = 0; i < EVENTS; i++) {
      await admin.extensions.create({ domainId, number: `${prefix}${i}`, displayName: `Crash ${i}` });
    }
    const rows = await t.db.outboxEvent.findMany({
      where: { topic: "extension.created", payload: { path: ["extension", "number"], string_starts_with: prefix } },
      select: { id: true },
    });
    const expected = rows.map((r) => webhookEventId(r.id)).sort();
    expect(expected).toHaveLength(EVENTS);
    await eventually(
      async () => expect(new Set(receiver.arrivals.filter((a) => a.status === 503).map((a) => a.id)).size).toBe(EVENTS),
      30_000,
      100,
    );

    // The receiver takes requests but does not answer: kill the worker while they are in flight.
    receiver.setMode("hang");
    await eventually(async () => expect(receiver.hangingCount()).toBeGreaterThan(0), 15_000, 50);
    const inFlight = receiver.arrivals.filter((a) => a.status === "hung").map((a) => a.id);
    await first.kill("SIGKILL");

    // Back up, and a new worker: the killed one's jobs stall and are taken over.
    receiver.setMode("ok");
    const second = startWorker(env);
    workers.push(second);
    await eventually(async () => expect([...receiver.processed.keys()].sort()).toEqual(expected), 45_000, 100);
    await eventually(async () => {
      const deliveries = await t.db.webhookDelivery.findMany({ where: { endpointId: endpoint.id } });
      expect(deliveries.map((d) => d.status)).toEqual(Array(EVENTS).fill("DELIVERED"));
    }, 15_000);
    await second.kill("SIGTERM");

    // Nothing lost, nothing foreign: every arrival was one of the events; the ones cut off by
    // the kill were re-sent under the same id; every request was signed.
    expect(new Set(receiver.arrivals.map((a) => a.id))).toEqual(new Set(expected));
    expect(inFlight.length).toBeGreaterThan(0);
    expect(inFlight.every((id) => receiver.processed.has(id))).toBe(true);
    expect(receiver.arrivals.every((a) => a.signed)).toBe(true);
  }, 120_000);
});
