import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { queueBackend, type QueueBackend } from "@/workers/queueBackend";
import { startWebhookWorkers } from "@/workers/webhookWorkers";
import { webhookEventId } from "@/server/webhooks/eventTypes";
import { open } from "@/server/security/secretBox";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { eventually } from "../../support/eventually";
import { createTwoTenants } from "../../support/twoTenants";
import { startWebhookReceiver, type WebhookReceiver } from "../../support/webhookReceiver";

// The whole path with real parts: a tenant admin's change writes the outbox row, the relay
// fans it out to deliveries, the BullMQ worker signs and POSTs them to a node:http receiver.

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";

let t: TestDatabase;
let backend: QueueBackend;
let receiver: WebhookReceiver;
let fixture: Awaited<ReturnType<typeof createTwoTenants>>;

const EXTENSION_EVENTS = ["extension.created", "extension.updated", "extension.deleted"] as const;

async function startWorkers(schedule: { baseMs: number; maxMs: number; windowMs: number }) {
  return startWebhookWorkers(t.db, backend, {
    databaseUrl: t.url,
    schedule,
    allowPrivateTargets: true,
    lockDurationMs: 2000,
    sweepMs: 200,
    strandedAfterMs: 2000,
    onError: () => undefined,
  });
}

/** The ids of the events of `types` that exist in the outbox: what must arrive. */
async function eventIds(types: readonly string[], domainId: string) {
  const rows = await t.db.outboxEvent.findMany({
    where: { topic: { in: [...types] }, payload: { path: ["domainId"], equals: domainId } },
    select: { id: true },
  });
  return rows.map((r) => webhookEventId(r.id)).sort();
}

beforeAll(async () => {
  t = await createTestDatabase();
  // Its own prefix: Redis is shared between test files and runs.
  backend = queueBackend({ redisUrl: REDIS_URL, databaseUrl: t.url, prefix: `wh${randomBytes(4).toString("hex")}` });
  receiver = await startWebhookReceiver();
  fixture = await createTwoTenants(t.db);
});

afterAll(async () => {
  await receiver.close();
  await t.drop();
});

describe("webhook delivery", () => {
  it("a receiver that fails, then recovers, processes every event exactly once by id; the log keeps the 503s", async () => {
    const { adminA, domainA } = fixture;
    const created = await adminA.webhooks.create({
      domainId: domainA,
      url: receiver.url,
      events: [...EXTENSION_EVENTS],
    });
    expect(created.secret).toMatch(/^whsec_/);
    // Sealed at rest, never the plain secret in the row.
    const row = await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.endpoint.id } });
    expect(row.secretEnc).not.toContain(created.secret);
    expect(open(row.secretEnc)).toBe(created.secret);
    receiver.setSecret(created.secret);
    receiver.setMode("fail");

    const workers = await startWorkers({ baseMs: 100, maxMs: 400, windowMs: 120_000 });
    try {
      const ids: string[] = [];
      for (const n of ["1001", "1002", "1003", "1004"]) {
        ids.push(
          (await adminA.extensions.create({ domainId: domainA, number: n, displayName: `Ext ${n}` })).extension.id,
        );
      }
      await adminA.extensions.update({ domainId: domainA, id: ids[0]!, displayName: "Reception" });
      await adminA.extensions.delete({ domainId: domainA, id: ids[3]! });
      const expected = await eventIds(EXTENSION_EVENTS, domainA);
      expect(expected).toHaveLength(6);

      // The outage: every event is tried and refused, and tried again.
      await eventually(async () => {
        const failedIds = new Set(receiver.arrivals.filter((a) => a.status === 503).map((a) => a.id));
        expect(failedIds.size).toBe(6);
        expect(receiver.arrivals.filter((a) => a.status === 503).length).toBeGreaterThanOrEqual(12);
      }, 15_000);
      expect(receiver.arrivals.every((a) => a.signed)).toBe(true);
      receiver.setMode("ok");

      await eventually(async () => expect([...receiver.processed.keys()].sort()).toEqual(expected), 15_000);
      // Exactly once: no worker crashed, so no event was accepted twice either.
      const accepted = receiver.arrivals.filter((a) => a.status === 200).map((a) => a.id);
      expect(accepted.sort()).toEqual(expected);
      expect([...receiver.processed.values()].map((e) => e.type).sort()).toEqual([
        "extension.created",
        "extension.created",
        "extension.created",
        "extension.created",
        "extension.deleted",
        "extension.updated",
      ]);
      expect([...receiver.processed.values()].every((e) => e.domainId === domainA)).toBe(true);

      // The receiver answered before the worker recorded it: wait for the last records.
      const log = await eventually(async () => {
        const page = await adminA.webhooks.deliveries({ domainId: domainA, id: created.endpoint.id, pageSize: 50 });
        expect(page.items.every((d) => d.status === "DELIVERED")).toBe(true);
        return page;
      });
      expect(log.total).toBe(6);
      for (const d of log.items) {
        expect(d.status).toBe("DELIVERED");
        expect(d.lastStatusCode).toBe(200);
        expect(d.attempts).toBeGreaterThanOrEqual(2);
        expect(d.attemptLog[0]).toMatchObject({ statusCode: 200, error: null });
        expect(d.attemptLog.slice(1).every((a) => a.statusCode === 503 && a.error === "HTTP 503")).toBe(true);
      }
      const endpoint = await adminA.webhooks.get({ domainId: domainA, id: created.endpoint.id });
      expect(endpoint).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledAt: null });
    } finally {
      await workers.close();
    }
  });

  it("disables an endpoint whose delivery failed for the whole retry window, with a notice; re-enabling sends what waited", async () => {
    const { platform } = fixture;
    receiver.processed.clear();
    receiver.arrivals.length = 0;
    const created = await platform.webhooks.platform.create({ url: receiver.url, events: ["number.assigned"] });
    receiver.setSecret(created.secret);
    receiver.setMode("fail");
    // A window of half a second stands for the 24 hours.
    const workers = await startWorkers({ baseMs: 50, maxMs: 100, windowMs: 500 });
    try {
      await platform.numbers.addRange({ from: "+15550100000", to: "+15550100001" });
      const numbers = await platform.numbers.list({ search: "+1555010000" });
      await platform.numbers.assign({ ids: [numbers.items[0]!.id], domainId: fixture.domainA });

      const disabled = await eventually(async () => {
        const e = await platform.webhooks.platform.get({ id: created.endpoint.id });
        expect(e.enabled).toBe(false);
        return e;
      }, 15_000);
      expect(disabled.disabledReason).toMatch(/Disabled after failing every attempt.*HTTP 503/);
      expect(disabled.disabledAt).toBeInstanceOf(Date);
      expect(
        await t.db.auditLog.count({
          where: { action: "webhook.auto-disable", entityId: created.endpoint.id, actorLabel: "system:webhooks" },
        }),
      ).toBe(1);
      const failed = await platform.webhooks.platform.deliveries({ id: created.endpoint.id });
      expect(failed.items.map((d) => d.status)).toEqual(["FAILED"]);

      // While it is off, new events wait, paused.
      await platform.numbers.assign({ ids: [numbers.items[1]!.id], domainId: fixture.domainB });
      await eventually(async () => {
        const log = await platform.webhooks.platform.deliveries({ id: created.endpoint.id });
        expect(log.items.map((d) => d.status).sort()).toEqual(["FAILED", "PAUSED"]);
      }, 10_000);

      receiver.setMode("ok");
      await platform.webhooks.platform.update({ id: created.endpoint.id, enabled: true });
      await eventually(async () => expect(receiver.processed.size).toBe(2), 15_000);
      const types = [...receiver.processed.values()].map((e) => [e.type, e.domainId]);
      expect(types.sort()).toEqual(
        [
          ["number.assigned", fixture.domainA],
          ["number.assigned", fixture.domainB],
        ].sort(),
      );
      await eventually(async () => {
        const log = await platform.webhooks.platform.deliveries({ id: created.endpoint.id });
        expect(log.items.map((d) => d.status)).toEqual(["DELIVERED", "DELIVERED"]);
      });
      expect(await platform.webhooks.platform.get({ id: created.endpoint.id })).toMatchObject({
        enabled: true,
        disabledAt: null,
        disabledReason: null,
      });
    } finally {
      await workers.close();
    }
  });
});
