import type { OpenAPIV3_1 } from "openapi-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDomainApiToken } from "@/server/apiTokens/service";
import { createRestHandler, type RestHandler } from "@/server/api/rest/handler";
import type { TenantContext } from "@/server/tenancy/context";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createTwoTenants } from "../support/twoTenants";

// Pickup groups and parking over REST with domain tokens: the path decides the tenant.

let t: TestDatabase;
let api: RestHandler;
let tokenA: string;
let tokenB: string;
let domainA: string;
let domainB: string;
let extensionA: string;

const call = (token: string | null, method: string, path: string, body?: unknown) =>
  api(
    new Request(`http://switchboard.test/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
const json = async (res: Response) => (await res.json()) as Record<string, unknown>;

const tokenFor = async (db: TestDatabase["db"], id: string, name: string) => {
  const domain = await db.domain.findUniqueOrThrow({ where: { id }, select: { id: true, name: true } });
  const ctx: TenantContext = {
    db,
    actor: { userId: null, tokenId: null, label: "test", ip: null },
    domain,
    role: "TENANT_ADMIN",
    extensionId: null,
  };
  return (await createDomainApiToken(ctx, { name })).token;
};

beforeAll(async () => {
  t = await createTestDatabase();
  api = createRestHandler({ db: () => t.db, rateLimit: { perSecond: 1000, burst: 1000 } });
  const tenants = await createTwoTenants(t.db);
  domainA = tenants.domainA;
  domainB = tenants.domainB;
  extensionA = (await tenants.adminA.extensions.create({ domainId: domainA, number: "1001", displayName: "Alice" }))
    .extension.id;
  tokenA = await tokenFor(t.db, domainA, "crm-a");
  tokenB = await tokenFor(t.db, domainB, "crm-b");
});

afterAll(async () => {
  await t?.drop();
});

describe("REST pickup groups", () => {
  let groupId: string;

  it("creates with 201 and reads back", async () => {
    const res = await call(tokenA, "POST", `/domains/${domainA}/pickup-groups`, {
      name: "Front desk",
      memberIds: [extensionA],
    });
    expect(res.status).toBe(201);
    groupId = (await json(res)).id as string;
    const got = await json(await call(tokenA, "GET", `/domains/${domainA}/pickup-groups/${groupId}`));
    expect(got).toMatchObject({ name: "Front desk", members: [{ extension: { number: "1001" } }] });
  });

  it("refuses a repeated name with 409", async () => {
    const res = await call(tokenA, "POST", `/domains/${domainA}/pickup-groups`, { name: "Front desk", memberIds: [] });
    expect(res.status).toBe(409);
  });

  it("another tenant's token reaches neither the list nor the group", async () => {
    expect((await call(tokenB, "GET", `/domains/${domainA}/pickup-groups`)).status).toBe(404);
    expect((await call(tokenB, "GET", `/domains/${domainA}/pickup-groups/${groupId}`)).status).toBe(404);
    expect((await call(tokenB, "GET", `/domains/${domainB}/pickup-groups/${groupId}`)).status).toBe(404);
    expect((await call(tokenB, "DELETE", `/domains/${domainB}/pickup-groups/${groupId}`)).status).toBe(404);
  });

  it("deletes", async () => {
    const res = await call(tokenA, "DELETE", `/domains/${domainA}/pickup-groups/${groupId}`);
    expect(res.status).toBe(204);
  });
});

describe("REST parking", () => {
  it("reads defaults, replaces the lot and refuses a backwards range", async () => {
    expect(await json(await call(tokenA, "GET", `/domains/${domainA}/parking`))).toMatchObject({ saved: false });
    const lot = { enabled: true, firstSlot: 7001, lastSlot: 7020, timeoutSeconds: 90 };
    const put = await call(tokenA, "PUT", `/domains/${domainA}/parking`, lot);
    expect(put.status).toBe(200);
    expect(await json(put)).toMatchObject({ ...lot, saved: true });
    const bad = await call(tokenA, "PUT", `/domains/${domainA}/parking`, { ...lot, lastSlot: 7000 });
    expect(bad.status).toBe(422);
    expect((await json(bad)).issues).toEqual([expect.objectContaining({ field: "lastSlot" })]);
    expect((await call(tokenB, "PUT", `/domains/${domainA}/parking`, lot)).status).toBe(404);
    expect(await json(await call(tokenB, "GET", `/domains/${domainB}/parking`))).toMatchObject({ saved: false });
  });

  it("is in the OpenAPI document with the schema's bounds", async () => {
    const doc = (await (await call(null, "GET", "/openapi.json")).json()) as OpenAPIV3_1.Document;
    const put = doc.paths?.["/domains/{domainId}/parking"]?.put;
    const schema = (put?.requestBody as OpenAPIV3_1.RequestBodyObject).content["application/json"]!
      .schema as OpenAPIV3_1.SchemaObject;
    expect(schema.required).toEqual(expect.arrayContaining(["enabled", "firstSlot", "lastSlot", "timeoutSeconds"]));
    expect(schema.properties?.timeoutSeconds).toMatchObject({ minimum: 15, maximum: 3600 });
    expect(doc.paths?.["/domains/{domainId}/pickup-groups/{id}"]?.put).toBeDefined();
  });
});
