import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRestHandler, type RestHandler } from "@/server/api/rest/handler";
import { createDomainApiToken } from "@/server/apiTokens/service";
import { deliverWebhook } from "@/server/webhooks/deliverWebhook";
import { fanOutWebhookEvents } from "@/server/webhooks/fanOut";
import { recordWebhookEvent } from "@/server/webhooks/recordWebhookEvent";
import { DEFAULT_RETRY_SCHEDULE } from "@/server/webhooks/retrySchedule";
import type { TenantContext } from "@/server/tenancy/context";
import { callerAs, createUser } from "../../support/callers";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { createTwoTenants } from "../../support/twoTenants";
import { startWebhookReceiver, type WebhookReceiver } from "../../support/webhookReceiver";

// Tenant B's webhooks never receive tenant A's events, and B can neither read nor change A's
// endpoints, through tRPC or REST. The fan-out (service layer) decides who gets an event.

const BASE = "http://switchboard.test/api/v1";
process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "false";

let t: TestDatabase;
let api: RestHandler;
let receiver: WebhookReceiver;
let fx: Awaited<ReturnType<typeof createTwoTenants>>;
let adminB: Awaited<ReturnType<typeof callerAs>>;
let tokenB: string;
let endpointA: string;
let endpointB: string;
let endpointPlatform: string;

const URL_A = "https://hooks.a.example/in";
const URL_B = "https://hooks.b.example/in";
const rest = (token: string, method: string, path: string, body?: unknown) =>
  api(
    new Request(`${BASE}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    }),
  );
const actor = { userId: null, tokenId: null, label: "test", ip: null };

beforeAll(async () => {
  t = await createTestDatabase();
  api = createRestHandler({ db: () => t.db, rateLimit: { perSecond: 1000, burst: 1000 } });
  receiver = await startWebhookReceiver();
  fx = await createTwoTenants(t.db);
  adminB = await callerAs(
    t.db,
    await createUser(t.db, "admin@b.example.com", { role: "TENANT_ADMIN", domainId: fx.domainB }),
  );
  const domainB = await t.db.domain.findUniqueOrThrow({ where: { id: fx.domainB }, select: { id: true, name: true } });
  const ctxB: TenantContext = { db: t.db, actor, domain: domainB, role: "TENANT_ADMIN", extensionId: null };
  tokenB = (await createDomainApiToken(ctxB, { name: "b-token" })).token;
  const events = ["extension.created", "phone.registered"] as const;
  endpointA = (await fx.adminA.webhooks.create({ domainId: fx.domainA, url: URL_A, events: [...events] })).endpoint.id;
  endpointB = (await adminB.webhooks.create({ domainId: fx.domainB, url: URL_B, events: [...events] })).endpoint.id;
  endpointPlatform = (
    await fx.platform.webhooks.platform.create({ url: "https://ops.example/in", events: [...events, "node.down"] })
  ).endpoint.id;
});

afterAll(async () => {
  await receiver.close();
  await t.drop();
});

describe("webhook tenant isolation", () => {
  it("fans tenant A's events out to A's endpoint and the platform's, never to B's", async () => {
    await fx.adminA.extensions.create({ domainId: fx.domainA, number: "1001", displayName: "A" });
    await fx.adminA.extensions.create({ domainId: fx.domainA, number: "1002", displayName: "A2" });
    await adminB.extensions.create({ domainId: fx.domainB, number: "2001", displayName: "B" });
    // A platform-only event, and an event of no tenant (a phone in an unknown realm).
    await t.db.$transaction(async (tx) => {
      await recordWebhookEvent(tx, "node.down", null, { node: { id: "n1", hostname: "fs1" } });
      await recordWebhookEvent(tx, "phone.registered", null, { domain: "unknown.example", user: "9" });
    });
    const { queued } = await t.db.$transaction((tx) => fanOutWebhookEvents(tx, 100));
    expect(queued).toHaveLength(8);

    const byEndpoint = async (endpointId: string) =>
      (await t.db.webhookDelivery.findMany({ where: { endpointId }, include: { outboxEvent: true } })).map((d) => [
        d.eventType,
        (d.outboxEvent.payload as { domainId: string | null }).domainId,
      ]);
    expect(await byEndpoint(endpointA)).toEqual([
      ["extension.created", fx.domainA],
      ["extension.created", fx.domainA],
    ]);
    expect(await byEndpoint(endpointB)).toEqual([["extension.created", fx.domainB]]);
    expect((await byEndpoint(endpointPlatform)).sort()).toEqual(
      [
        ["extension.created", fx.domainA],
        ["extension.created", fx.domainA],
        ["extension.created", fx.domainB],
        ["node.down", null],
        ["phone.registered", null],
      ].sort(),
    );
  });

  it("refuses to send another tenant's event even if a delivery row says so (defence in depth)", async () => {
    const eventOfA = await t.db.outboxEvent.findFirstOrThrow({
      where: { topic: "extension.created", payload: { path: ["domainId"], equals: fx.domainA } },
    });
    // B's endpoint pointed at a real receiver, with a forged delivery of A's event.
    await t.db.webhookEndpoint.update({ where: { id: endpointB }, data: { url: receiver.url } });
    const forged = await t.db.webhookDelivery.create({
      data: { endpointId: endpointB, outboxEventId: eventOfA.id, eventType: eventOfA.topic },
    });
    const outcome = await deliverWebhook(
      t.db,
      forged.id,
      { attemptsMade: 0, maxAttempts: 3 },
      { schedule: DEFAULT_RETRY_SCHEDULE, allowPrivateTargets: true },
    );
    expect(outcome).toBe("skipped");
    expect(receiver.arrivals).toHaveLength(0);
    expect(await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: forged.id } })).toMatchObject({
      status: "FAILED",
      attempts: 0,
    });
    await t.db.webhookEndpoint.update({ where: { id: endpointB }, data: { url: URL_B } });
  });

  it("tRPC: B sees only its own endpoints and gets NOT_FOUND for A's, under either domain", async () => {
    expect((await adminB.webhooks.list({ domainId: fx.domainB })).map((e) => e.id)).toEqual([endpointB]);
    await expect(adminB.webhooks.list({ domainId: fx.domainA })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(adminB.webhooks.get({ domainId: fx.domainB, id: endpointA })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(adminB.webhooks.get({ domainId: fx.domainA, id: endpointA })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      adminB.webhooks.update({ domainId: fx.domainB, id: endpointA, url: "https://evil.example/steal" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(adminB.webhooks.rotateSecret({ domainId: fx.domainB, id: endpointA })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(adminB.webhooks.deliveries({ domainId: fx.domainB, id: endpointA })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(adminB.webhooks.delete({ domainId: fx.domainB, id: endpointA })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // Nor the platform's endpoints, nor the platform procedures.
    await expect(adminB.webhooks.get({ domainId: fx.domainB, id: endpointPlatform })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(adminB.webhooks.platform.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointA } })).toMatchObject({ url: URL_A });
  });

  it("REST: B's token gets 404 for A's endpoints and 403 for the platform's", async () => {
    expect((await rest(tokenB, "GET", `/domains/${fx.domainA}/webhooks`)).status).toBe(404);
    expect((await rest(tokenB, "GET", `/domains/${fx.domainB}/webhooks/${endpointA}`)).status).toBe(404);
    expect(
      (await rest(tokenB, "PATCH", `/domains/${fx.domainB}/webhooks/${endpointA}`, { url: "https://evil.example/" }))
        .status,
    ).toBe(404);
    expect((await rest(tokenB, "GET", `/domains/${fx.domainB}/webhooks/${endpointA}/deliveries`)).status).toBe(404);
    expect((await rest(tokenB, "DELETE", `/domains/${fx.domainB}/webhooks/${endpointA}`)).status).toBe(404);
    expect((await rest(tokenB, "GET", "/webhooks")).status).toBe(403);
    const own = await rest(tokenB, "GET", `/domains/${fx.domainB}/webhooks`);
    expect(own.status).toBe(200);
    const body = (await own.json()) as { id: string }[];
    expect(body.map((e) => e.id)).toEqual([endpointB]);
    expect(JSON.stringify(body)).not.toMatch(/secret/i);
    expect(await t.db.webhookEndpoint.count({ where: { id: endpointA } })).toBe(1);
  });

  it("a tenant cannot subscribe to platform events, nor register private or plain-http targets", async () => {
    await expect(
      adminB.webhooks.create({ domainId: fx.domainB, url: URL_B, events: ["node.down"] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/Only platform webhooks/) });
    for (const url of [
      "https://127.0.0.1/x",
      "https://169.254.169.254/latest",
      "https://localhost/x",
      "http://hooks.b.example/",
    ]) {
      await expect(
        adminB.webhooks.create({ domainId: fx.domainB, url, events: ["extension.created"] }),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
    }
    const res = await rest(tokenB, "POST", `/domains/${fx.domainB}/webhooks`, {
      url: "https://10.0.0.5/hook",
      events: ["extension.created"],
    });
    expect(res.status).toBe(422);
  });
});
