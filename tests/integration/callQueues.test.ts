import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/server/api/rest/openapi";
import { callerAs, createUser } from "../support/callers";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { tenantRest } from "../support/tenantRest";
import { createTwoTenants } from "../support/twoTenants";

let t: TestDatabase;
const withAdminB = (db: TestDatabase["db"]) => createTwoTenants(db, { adminB: true });
let tenants: Awaited<ReturnType<typeof withAdminB>>;
let userA: Awaited<ReturnType<typeof callerAs>>;
let userWithoutQueue: Awaited<ReturnType<typeof callerAs>>;
const ext: Record<string, string> = {};

const queue = (domainId: string, overrides: Record<string, unknown> = {}) => ({
  domainId,
  number: "800",
  name: "Support",
  strategy: "LONGEST_IDLE_AGENT" as const,
  maxWaitSeconds: 120,
  noAgentWaitSeconds: 0,
  tierWaitSeconds: 30,
  record: false,
  fallback: { type: "VOICEMAIL" as const, target: "1001" },
  agents: [
    { extensionId: ext["1001"]!, level: 1 },
    { extensionId: ext["1002"]!, level: 1 },
    { extensionId: ext["1003"]!, level: 2 },
  ],
  ...overrides,
});

/** The newest outbox event of a topic: what the push workers will tell the nodes. */
const lastEvent = async (topic: string) =>
  (await t.db.outboxEvent.findFirstOrThrow({ where: { topic }, orderBy: { id: "desc" } })).payload;

beforeAll(async () => {
  t = await createTestDatabase();
  tenants = await withAdminB(t.db);
  for (const number of ["1001", "1002", "1003", "1004"]) {
    const created = await tenants.adminA.extensions.create({
      domainId: tenants.domainA,
      number,
      displayName: `E${number}`,
    });
    ext[number] = created.extension.id;
  }
  ext.b = (
    await tenants.adminB.extensions.create({ domainId: tenants.domainB, number: "2001", displayName: "B" })
  ).extension.id;
  const user = (email: string, extensionId: string) =>
    createUser(t.db, email, { role: "TENANT_USER", domainId: tenants.domainA, extensionId });
  userA = await callerAs(t.db, await user("1001@a.example.com", ext["1001"]!));
  userWithoutQueue = await callerAs(t.db, await user("1004@a.example.com", ext["1004"]!));
});

afterAll(async () => {
  await t?.drop();
});

describe("call queues", () => {
  let id: string;

  it("creates a queue with tiers by level, audited, and tells the domain's nodes to load it", async () => {
    const created = await tenants.adminA.callQueues.create(queue(tenants.domainA));
    id = created.id;
    expect(created.agents.map((a) => [a.extension.number, a.level, a.position])).toEqual([
      ["1001", 1, 1],
      ["1002", 1, 2],
      ["1003", 2, 1],
    ]);
    await t.db.auditLog.findFirstOrThrow({ where: { action: "call-queue.create", entityId: id } });
    expect(await lastEvent("freeswitch.queue-changed")).toEqual({
      domain: "a.example.com",
      queue: "800@a.example.com",
      removedAgents: [],
      deleted: false,
    });
  });

  it("validates with field errors and clear conflicts, saving nothing", async () => {
    const rejects = (overrides: Record<string, unknown>, match: Record<string, unknown>) =>
      expect(
        tenants.adminA.callQueues.create(queue(tenants.domainA, { number: "801", ...overrides })),
      ).rejects.toMatchObject(match);
    await rejects({ tierWaitSeconds: 2 }, { code: "BAD_REQUEST", message: expect.stringContaining("tierWaitSeconds") });
    await rejects({ agents: [{ extensionId: ext["1001"], level: 10 }] }, { code: "BAD_REQUEST" });
    await rejects(
      {
        agents: [
          { extensionId: ext["1001"], level: 1 },
          { extensionId: ext["1001"], level: 2 },
        ],
      },
      { code: "BAD_REQUEST", message: expect.stringContaining("only once") },
    );
    await rejects({ number: "1001" }, { code: "CONFLICT", message: "1001 is already used by an extension" });
    await rejects(
      { agents: [{ extensionId: ext.b, level: 1 }] },
      { code: "CONFLICT", message: "Agents must be extensions of this domain" },
    );
    await rejects(
      { fallback: { type: "QUEUE", target: "801" } },
      { code: "CONFLICT", message: "A call queue cannot fall back to itself" },
    );
    await rejects(
      { fallback: { type: "RING_GROUP", target: "600" } },
      { code: "CONFLICT", message: "There is no ring group 600 in this domain" },
    );
    expect(await t.db.callQueue.count()).toBe(1);
    // The queue's number is taken for everything else of the domain.
    await expect(
      tenants.adminA.extensions.create({ domainId: tenants.domainA, number: "800", displayName: "Clash" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "800 is already used by a call queue" });
  });

  it("is a destination: a DID can send calls to it, and then it cannot be deleted", async () => {
    await t.db.phoneNumber.create({ data: { e164: "+4930555000", domainId: tenants.domainA } });
    const did = await t.db.phoneNumber.findUniqueOrThrow({ where: { e164: "+4930555000" } });
    await tenants.adminA.numbers.setDestination({
      domainId: tenants.domainA,
      id: did.id,
      destination: { type: "QUEUE", target: "800" },
    });
    await expect(tenants.adminA.callQueues.delete({ domainId: tenants.domainA, id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Still in use by phone number +4930555000",
    });
    await tenants.adminA.numbers.setDestination({
      domainId: tenants.domainA,
      id: did.id,
      destination: { type: "HANGUP", target: null },
    });
  });

  it("an update that drops an agent drops its tier on the nodes", async () => {
    await tenants.adminA.callQueues.update({
      ...queue(tenants.domainA, {
        agents: [
          { extensionId: ext["1003"]!, level: 1 },
          { extensionId: ext["1001"]!, level: 1 },
        ],
      }),
      id,
    });
    expect(await lastEvent("freeswitch.queue-changed")).toEqual({
      domain: "a.example.com",
      queue: "800@a.example.com",
      removedAgents: ["1002@a.example.com"],
      deleted: false,
    });
  });

  it("another tenant may use the same number and never sees or touches ours", async () => {
    const b = await tenants.adminB.callQueues.create(
      queue(tenants.domainB, {
        agents: [{ extensionId: ext.b, level: 1 }],
        fallback: { type: "HANGUP", target: null },
      }),
    );
    expect((await tenants.adminB.callQueues.list({ domainId: tenants.domainB })).items.map((q) => q.id)).toEqual([
      b.id,
    ]);
    const notFound = { code: "NOT_FOUND" };
    await expect(tenants.adminB.callQueues.get({ domainId: tenants.domainB, id })).rejects.toMatchObject(notFound);
    await expect(
      tenants.adminB.callQueues.update({ ...queue(tenants.domainB, { agents: [] }), id }),
    ).rejects.toMatchObject(notFound);
    await expect(tenants.adminB.callQueues.delete({ domainId: tenants.domainB, id })).rejects.toMatchObject(notFound);
    await expect(tenants.adminB.callQueues.list({ domainId: tenants.domainA })).rejects.toMatchObject(notFound);
    await expect(
      tenants.adminB.callQueues.setAgentStatus({
        domainId: tenants.domainB,
        extensionId: ext["1001"]!,
        status: "AVAILABLE",
      }),
    ).rejects.toMatchObject(notFound);
    await expect(userA.callQueues.list({ domainId: tenants.domainA })).rejects.toMatchObject(notFound);
  });
});

describe("agent status", () => {
  it("an agent logs in from My phone: stored, audited as the user, pushed to the nodes", async () => {
    expect(await userA.callQueues.myAgent({ domainId: tenants.domainA })).toMatchObject({
      number: "1001",
      status: "LOGGED_OUT",
      queues: [{ number: "800", name: "Support" }],
    });
    await userA.callQueues.setMyAgentStatus({ domainId: tenants.domainA, status: "AVAILABLE" });
    const row = await t.db.extension.findUniqueOrThrow({ where: { id: ext["1001"] }, select: { agentStatus: true } });
    expect(row.agentStatus).toBe("AVAILABLE");
    expect(await lastEvent("freeswitch.agent-status")).toEqual({
      domain: "a.example.com",
      agent: "1001@a.example.com",
      status: "Available",
    });
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "call-queue.agent-status", entityId: ext["1001"] },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.after).toEqual({ agentStatus: "AVAILABLE" });
  });

  it("an admin puts an agent on break; an extension of no queue has nothing to log in to", async () => {
    const view = await tenants.adminA.callQueues.setAgentStatus({
      domainId: tenants.domainA,
      extensionId: ext["1003"]!,
      status: "ON_BREAK",
    });
    expect(view).toMatchObject({ number: "1003", status: "ON_BREAK" });
    expect(await lastEvent("freeswitch.agent-status")).toMatchObject({
      agent: "1003@a.example.com",
      status: "On Break",
    });
    await expect(
      userWithoutQueue.callQueues.setMyAgentStatus({ domainId: tenants.domainA, status: "AVAILABLE" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "1004 answers no call queue" });
  });
});

describe("an agent's extension changes", () => {
  it("disabled: logged out on the nodes; enabled: its status back; deleted: its tier goes", async () => {
    const update = (enabled: boolean) =>
      tenants.adminA.extensions.update({ domainId: tenants.domainA, id: ext["1003"]!, enabled });
    await update(false);
    expect(await lastEvent("freeswitch.agent-status")).toEqual({
      domain: "a.example.com",
      agent: "1003@a.example.com",
      status: "Logged Out",
    });
    await update(true);
    expect(await lastEvent("freeswitch.agent-status")).toMatchObject({
      agent: "1003@a.example.com",
      status: "On Break",
    });
    await tenants.adminA.extensions.delete({ domainId: tenants.domainA, id: ext["1003"]! });
    expect(await lastEvent("freeswitch.queue-changed")).toEqual({
      domain: "a.example.com",
      queue: "800@a.example.com",
      removedAgents: ["1003@a.example.com"],
      deleted: false,
    });
    expect(await t.db.callQueueAgent.count({ where: { extensionId: ext["1003"] } })).toBe(0);
  });
});

describe("the platform's plan limit", () => {
  it("caps a tenant's queues; 0 turns the feature off", async () => {
    await tenants.platform.domains.update({ id: tenants.domainB, maxQueues: 1 });
    const second = queue(tenants.domainB, { number: "801", agents: [], fallback: { type: "HANGUP", target: null } });
    await expect(tenants.adminB.callQueues.create(second)).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: "This tenant's plan allows 1 call queues",
    });
    await tenants.platform.domains.update({ id: tenants.domainB, maxQueues: 0 });
    await expect(tenants.adminB.callQueues.create(second)).rejects.toMatchObject({
      message: "Call queues are not part of this tenant's plan",
    });
    expect((await tenants.platform.domains.get({ id: tenants.domainA })).maxQueues).toBe(5);
  });
});

describe("call queues over REST", () => {
  it("creates with 201, sets an agent's status, answers 422 naming the field and 404 across tenants", async () => {
    const [sendA, sendB] = [await tenantRest(t.db, tenants.domainA), await tenantRest(t.db, tenants.domainB)];
    const { domainId: _, ...body } = queue(tenants.domainA, {
      number: "810",
      agents: [{ extensionId: ext["1004"], level: 1 }],
    });
    const created = await sendA("POST", `/domains/${tenants.domainA}/call-queues`, body);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const bad = await sendA("POST", `/domains/${tenants.domainA}/call-queues`, {
      ...body,
      number: "811",
      strategy: "fastest",
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain("strategy");
    const status = await sendA("PUT", `/domains/${tenants.domainA}/call-queue-agents/${ext["1004"]}/status`, {
      status: "AVAILABLE",
    });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ number: "1004", status: "AVAILABLE" });
    expect((await sendB("GET", `/domains/${tenants.domainA}/call-queues/${id}`)).status).toBe(404);
    expect((await sendB("DELETE", `/domains/${tenants.domainB}/call-queues/${id}`)).status).toBe(404);
    expect((await sendA("DELETE", `/domains/${tenants.domainA}/call-queues/${id}`)).status).toBe(204);
    expect(await lastEvent("freeswitch.queue-changed")).toMatchObject({ queue: "810@a.example.com", deleted: true });
  });

  it("is in the OpenAPI reference with its input schema", () => {
    const paths = buildOpenApiDocument().paths as Record<string, Record<string, unknown> | undefined>;
    const post = paths["/domains/{domainId}/call-queues"]?.post as {
      requestBody: { content: { "application/json": { schema: { properties: Record<string, unknown> } } } };
    };
    expect(Object.keys(post.requestBody.content["application/json"].schema.properties)).toEqual(
      expect.arrayContaining(["number", "strategy", "maxWaitSeconds", "fallback", "agents"]),
    );
    expect(paths["/domains/{domainId}/call-queue-agents/{extensionId}/status"]).toHaveProperty("put");
  });
});
