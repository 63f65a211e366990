import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { Job } from "bullmq";
import { recordChange } from "@/server/cluster/recordChange";
import { CLUSTER_EVENTS_QUEUE, type OutboxJob } from "@/workers/jobs";
import { OutboxRelay } from "@/workers/outboxRelay";
import { queueBackend, type JobQueue, type QueueBackend } from "@/workers/queueBackend";
import { createTestDatabase, type TestDatabase } from "../../support/database";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** The real queue, failing right after a successful add: a crash between enqueue and commit. */
function crashingAfterAdd(queue: JobQueue<OutboxJob>): JobQueue<OutboxJob> {
  return {
    add: async (name, data, opts) => {
      await queue.add(name, data, opts);
      throw new Error("process died after the add, before the commit");
    },
    close: () => queue.close(),
  };
}

async function collect(backend: QueueBackend, queueName: string, expected: number, timeoutMs = 15_000) {
  const seen: OutboxJob[] = [];
  let done: () => void = () => undefined;
  const finished = new Promise<void>((r) => (done = r));
  const worker = backend.worker<OutboxJob>(
    queueName,
    async (job: Job<OutboxJob>) => {
      seen.push(job.data);
      if (seen.length >= expected) done();
    },
    { concurrency: 1 },
  );
  await Promise.race([finished, new Promise((r) => setTimeout(r, timeoutMs))]);
  // A little longer, so a duplicate would have time to show up.
  await new Promise((r) => setTimeout(r, 500));
  await worker.close();
  return seen;
}

describe.each(["redis", "postgres"] as const)("outbox relay on %s", (kind) => {
  let t: TestDatabase;
  let backend: QueueBackend;

  beforeAll(async () => {
    t = await createTestDatabase();
    backend = queueBackend({ redisUrl: kind === "redis" ? REDIS_URL : undefined, databaseUrl: t.url });
  });
  afterAll(async () => {
    await t.drop();
  });

  it("loses nothing when the relay crashes between commit and enqueue, and enqueues once", async () => {
    // Unique queue name per run: Redis is shared between test files.
    const queueName = `${CLUSTER_EVENTS_QUEUE}-${randomBytes(4).toString("hex")}`;
    const queue = backend.queue<OutboxJob>(queueName);
    // Committed changes, while no relay is running (it "crashed" before enqueueing them).
    await t.db.$transaction((tx) =>
      recordChange(tx, { invalidate: { platform: true }, push: { reason: "a", events: [{ topic: "kamailio.sync" }] } }),
    );
    await t.db.$transaction((tx) =>
      recordChange(tx, {
        invalidate: { domain: "t1.example" },
        push: { reason: "b", events: [{ topic: "freeswitch.flush-user", domain: "t1.example", users: ["1001"] }] },
      }),
    );
    // An outbox row of another consumer must be left alone.
    await t.db.outboxEvent.create({ data: { topic: "email.send", payload: { to: "x@example.com" } } });

    const crashing = new OutboxRelay(t.db, crashingAfterAdd(queue), { databaseUrl: t.url });
    await expect(crashing.drainOnce()).rejects.toThrow(/process died/);
    expect(await t.db.outboxEvent.count({ where: { dispatchedAt: null } })).toBe(3);

    const relay = new OutboxRelay(t.db, queue, { databaseUrl: t.url, pollMs: 200 });
    await relay.start();
    // Committed while the relay runs: delivered through LISTEN/NOTIFY.
    await t.db.$transaction((tx) =>
      recordChange(tx, {
        invalidate: { platform: true },
        push: { reason: "c", events: [{ topic: "freeswitch.acl-changed" }] },
      }),
    );

    const seen = await collect(backend, queueName, 3);
    await relay.stop();
    await queue.close();

    expect(seen.map((j) => j.event.topic)).toEqual([
      "kamailio.sync",
      "freeswitch.flush-user",
      "freeswitch.acl-changed",
    ]);
    expect(seen.map((j) => Number(j.revision))).toEqual([1, 2, 3]);
    expect(await t.db.outboxEvent.count({ where: { dispatchedAt: null, topic: { not: "email.send" } } })).toBe(0);
    expect(await t.db.outboxEvent.count({ where: { dispatchedAt: null, topic: "email.send" } })).toBe(1);
  });
});
