import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/server/api/rest/openapi";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { callerAs, createUser } from "../support/callers";
import { tenantRest } from "../support/tenantRest";
import { createTwoTenants } from "../support/twoTenants";

let t: TestDatabase;
const withAdminB = (db: TestDatabase["db"]) => createTwoTenants(db, { adminB: true });
let tenants: Awaited<ReturnType<typeof withAdminB>>;
let userA: Awaited<ReturnType<typeof callerAs>>;

const room = (domainId: string, overrides: Record<string, unknown> = {}) => ({
  domainId,
  number: "3000",
  name: "Weekly call",
  pin: "1234",
  moderatorPin: "9876",
  maxMembers: 10,
  record: true,
  ...overrides,
});

beforeAll(async () => {
  t = await createTestDatabase();
  tenants = await withAdminB(t.db);
  const ext = await tenants.adminA.extensions.create({
    domainId: tenants.domainA,
    number: "1001",
    displayName: "Alice",
  });
  userA = await callerAs(
    t.db,
    await createUser(t.db, "1001@a.example.com", {
      role: "TENANT_USER",
      domainId: tenants.domainA,
      extensionId: ext.extension.id,
    }),
  );
});

afterAll(async () => {
  await t?.drop();
});

describe("conference rooms", () => {
  let id: string;

  it("creates a room; PINs are sealed at rest and redacted from the audit row", async () => {
    const created = await tenants.adminA.conferenceRooms.create(room(tenants.domainA));
    id = created.id;
    expect(created).toMatchObject({ number: "3000", pin: "1234", moderatorPin: "9876", maxMembers: 10, record: true });
    const row = await t.db.conferenceRoom.findUniqueOrThrow({ where: { id } });
    expect(row.pinEnc).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain("1234");
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "conference-room.create", entityId: id } });
    expect(audit.after).toMatchObject({ pin: "[redacted]", moderatorPin: "[redacted]", name: "Weekly call" });
    expect(JSON.stringify([audit.before, audit.after])).not.toMatch(/1234|9876/);
  });

  it("validates with field errors: PIN shape, same PINs, a limit of 1", async () => {
    const rejects = (overrides: Record<string, unknown>, path: string) =>
      expect(
        tenants.adminA.conferenceRooms.create(room(tenants.domainA, { number: "3001", ...overrides })),
      ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining(path) });
    await rejects({ pin: "12" }, "pin");
    await rejects({ pin: "1234", moderatorPin: "1234" }, "moderatorPin");
    await rejects({ maxMembers: 1 }, "maxMembers");
    await rejects({ maxMembers: 501 }, "maxMembers");
    expect(await t.db.conferenceRoom.count()).toBe(1);
  });

  it("shares the domain's number space with extensions, ring groups and IVR menus", async () => {
    await expect(
      tenants.adminA.conferenceRooms.create(room(tenants.domainA, { number: "1001" })),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "1001 is already used by an extension" });
    await expect(
      tenants.adminA.extensions.create({ domainId: tenants.domainA, number: "3000", displayName: "Clash" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "3000 is already used by a conference room" });
    await expect(
      tenants.adminA.ringGroups.create({
        domainId: tenants.domainA,
        number: "3000",
        name: "Clash",
        strategy: "SIMULTANEOUS",
        ringTimeout: 20,
        fallback: { type: "HANGUP", target: null },
        memberIds: [],
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("another tenant may use the same room number, and never sees ours", async () => {
    const b = await tenants.adminB.conferenceRooms.create(room(tenants.domainB, { pin: "5555", moderatorPin: "" }));
    expect(b.moderatorPin).toBeNull();
    const listB = await tenants.adminB.conferenceRooms.list({ domainId: tenants.domainB });
    expect(listB.items.map((r) => r.id)).toEqual([b.id]);
    const notFound = { code: "NOT_FOUND" };
    await expect(tenants.adminB.conferenceRooms.get({ domainId: tenants.domainB, id })).rejects.toMatchObject(notFound);
    await expect(tenants.adminB.conferenceRooms.update({ ...room(tenants.domainB), id })).rejects.toMatchObject(
      notFound,
    );
    await expect(tenants.adminB.conferenceRooms.delete({ domainId: tenants.domainB, id })).rejects.toMatchObject(
      notFound,
    );
    // B's admin naming A's domain is refused before any service runs.
    await expect(tenants.adminB.conferenceRooms.list({ domainId: tenants.domainA })).rejects.toMatchObject(notFound);
    expect((await tenants.adminA.conferenceRooms.get({ domainId: tenants.domainA, id })).pin).toBe("1234");
  });

  it("is for tenant admins only", async () => {
    await expect(userA.conferenceRooms.list({ domainId: tenants.domainA })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("updates (clearing a PIN) and deletes, each audited", async () => {
    const updated = await tenants.adminA.conferenceRooms.update({
      ...room(tenants.domainA, { pin: "", maxMembers: 0, record: false, name: "Open room" }),
      id,
    });
    expect(updated).toMatchObject({ pin: null, moderatorPin: "9876", maxMembers: 0, record: false });
    expect((await t.db.conferenceRoom.findUniqueOrThrow({ where: { id } })).pinEnc).toBeNull();
    await tenants.adminA.conferenceRooms.delete({ domainId: tenants.domainA, id });
    expect(await t.db.conferenceRoom.count({ where: { domainId: tenants.domainA } })).toBe(0);
    const actions = await t.db.auditLog.findMany({
      where: { entityId: id },
      select: { action: true },
      orderBy: { createdAt: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "conference-room.create",
      "conference-room.update",
      "conference-room.delete",
    ]);
  });
});

describe("the platform's plan limit", () => {
  it("caps a tenant's rooms; 0 turns the feature off; only the platform sets it, audited", async () => {
    const limit = (maxConferenceRooms: number) =>
      tenants.platform.domains.update({ id: tenants.domainB, maxConferenceRooms });
    await limit(2);
    // B has one room (3000); a second fits, a third does not.
    await tenants.adminB.conferenceRooms.create(room(tenants.domainB, { number: "3001", pin: "" }));
    await expect(
      tenants.adminB.conferenceRooms.create(room(tenants.domainB, { number: "3002", pin: "" })),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT", message: "This tenant's plan allows 2 conference rooms" });
    await limit(0);
    await expect(
      tenants.adminB.conferenceRooms.create(room(tenants.domainB, { number: "3002", pin: "" })),
    ).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: "Conference rooms are not part of this tenant's plan",
    });
    // Tenant A's plan is its own.
    expect((await tenants.platform.domains.get({ id: tenants.domainA })).maxConferenceRooms).toBe(10);
    await expect(tenants.adminB.domains.update({ id: tenants.domainB, maxConferenceRooms: 50 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "domain.update", entityId: tenants.domainB },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.after).toMatchObject({ maxConferenceRooms: 0 });
    await expect(
      tenants.platform.domains.update({ id: tenants.domainB, maxConferenceRooms: -1 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await limit(10);
  });
});

describe("conference rooms over REST", () => {
  it("creates with 201, answers 422 naming the field, and 404 for another tenant's room", async () => {
    const [sendA, sendB] = [await tenantRest(t.db, tenants.domainA), await tenantRest(t.db, tenants.domainB)];
    const { domainId: _, ...body } = room(tenants.domainA, { number: "3100" });
    const created = await sendA("POST", `/domains/${tenants.domainA}/conference-rooms`, body);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const bad = await sendA("POST", `/domains/${tenants.domainA}/conference-rooms`, {
      ...body,
      number: "3101",
      maxMembers: 1,
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain("maxMembers");
    expect((await sendB("GET", `/domains/${tenants.domainA}/conference-rooms/${id}`)).status).toBe(404);
    expect((await sendB("GET", `/domains/${tenants.domainB}/conference-rooms/${id}`)).status).toBe(404);
    expect((await sendB("DELETE", `/domains/${tenants.domainB}/conference-rooms/${id}`)).status).toBe(404);
    expect((await sendA("DELETE", `/domains/${tenants.domainA}/conference-rooms/${id}`)).status).toBe(204);
  });

  it("is in the OpenAPI reference with its input schema", () => {
    const paths = buildOpenApiDocument().paths as Record<string, Record<string, unknown> | undefined>;
    const post = paths["/domains/{domainId}/conference-rooms"]?.post as {
      requestBody: { content: { "application/json": { schema: { properties: Record<string, unknown> } } } };
    };
    expect(Object.keys(post.requestBody.content["application/json"].schema.properties)).toEqual(
      expect.arrayContaining(["number", "name", "pin", "moderatorPin", "maxMembers", "record"]),
    );
    expect(paths["/domains/{domainId}/conference-rooms/{id}"]).toHaveProperty("put");
  });
});
