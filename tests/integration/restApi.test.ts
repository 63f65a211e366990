import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDomainApiToken, createPlatformApiToken, revokeAnyApiToken } from "@/server/apiTokens/service";
import { createRestHandler, type RestHandler } from "@/server/api/rest/handler";
import type { PlatformContext, TenantContext } from "@/server/tenancy/context";
import { createTestDatabase, type TestDatabase } from "../support/database";

// The REST adapter over HTTP semantics: real Request objects in, real Responses out,
// against a real migrated database. Only the Next.js wrapper (one line) is not exercised.

let t: TestDatabase;
let api: RestHandler;
let platformToken: string;
let platformTokenId: string;
let otherTenantToken: string;
let domainA: { id: string; name: string };
let domainB: { id: string; name: string };
let extensionId: string;

const BASE = "http://switchboard.test/api/v1";

function send(
  handler: RestHandler,
  token: string | null,
  method: string,
  path: string,
  body?: unknown | string,
): Promise<Response> {
  const headers: Record<string, string> = { "x-forwarded-for": "198.51.100.7" };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  return handler(new Request(`${BASE}${path}`, { method, headers, body: payload }));
}

const call = (token: string | null, method: string, path: string, body?: unknown) =>
  send(api, token, method, path, body);

type Json = Record<string, unknown>;
const json = async (res: Response) => (await res.json()) as Json;

const domainBody = (name: string) => ({
  name,
  displayName: name,
  maxExtensions: 5,
  maxConcurrentCalls: 5,
  allowTenantRoutes: false,
});

beforeAll(async () => {
  t = await createTestDatabase();
  api = createRestHandler({ db: () => t.db, rateLimit: { perSecond: 1000, burst: 1000 } });
  const platform: PlatformContext = { db: t.db, actor: { userId: null, tokenId: null, label: "test", ip: null } };
  const created = await createPlatformApiToken(platform, { name: "billing" });
  platformToken = created.token;
  platformTokenId = created.apiToken.id;
});

afterAll(async () => {
  await t.drop();
});

describe("REST API with a platform token", () => {
  it("creates a tenant and records the token as the audit actor", async () => {
    const res = await call(platformToken, "POST", "/domains", domainBody("acme.voice.example.com"));
    expect(res.status).toBe(201);
    domainA = (await json(res)) as { id: string; name: string };
    expect(domainA.name).toBe("acme.voice.example.com");

    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "domain.create", entityId: domainA.id } });
    expect(audit).toMatchObject({
      actorTokenId: platformTokenId,
      actorUserId: null,
      actorLabel: "token:billing",
      ip: "198.51.100.7",
    });
  });

  it("creates an extension with a generated SIP password, returned once", async () => {
    const res = await call(platformToken, "POST", `/domains/${domainA.id}/extensions`, {
      number: "1001",
      displayName: "Reception",
    });
    expect(res.status).toBe(201);
    const body = await json(res);
    const extension = body.extension as { id: string; number: string };
    extensionId = extension.id;
    expect(extension.number).toBe("1001");
    expect(body.sipPassword).toMatch(/^\S{12,}$/);

    const got = await json(await call(platformToken, "GET", `/domains/${domainA.id}/extensions/${extensionId}`));
    expect(got.number).toBe("1001");
    expect(JSON.stringify(got)).not.toContain(String(body.sipPassword));
  });

  it("accepts a caller-chosen strong SIP password and rejects a weak one with the field named (422)", async () => {
    const strong = await call(platformToken, "POST", `/domains/${domainA.id}/extensions`, {
      number: "1002",
      displayName: "Sales",
      sipPassword: "Str0ngEnoughPassw0rd",
    });
    expect(strong.status).toBe(201);
    expect((await json(strong)).sipPassword).toBe("Str0ngEnoughPassw0rd");

    const weak = await call(platformToken, "POST", `/domains/${domainA.id}/extensions`, {
      number: "1003",
      displayName: "Weak",
      sipPassword: "short",
    });
    expect(weak.status).toBe(422);
    const error = await json(weak);
    expect(error.code).toBe("validation_failed");
    expect(error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ field: "sipPassword" })]));
  });

  it("resets a SIP password through its own route", async () => {
    const res = await call(
      platformToken,
      "POST",
      `/domains/${domainA.id}/extensions/${extensionId}/reset-sip-password`,
      {},
    );
    expect(res.status).toBe(200);
    expect((await json(res)).sipPassword).toMatch(/^\S{12,}$/);
  });

  it("answers a duplicate with 409 naming the field", async () => {
    const res = await call(platformToken, "POST", `/domains/${domainA.id}/extensions`, {
      number: "1001",
      displayName: "Again",
    });
    expect(res.status).toBe(409);
    const error = await json(res);
    expect(error.code).toBe("conflict");
    expect(error.issues).toEqual([expect.objectContaining({ field: "number" })]);
  });

  it("filters and paginates lists from typed query parameters", async () => {
    const res = await call(
      platformToken,
      "GET",
      `/domains/${domainA.id}/extensions?search=100&pageSize=1&page=2&enabled=true&sort=number`,
    );
    expect(res.status).toBe(200);
    const page = await json(res);
    expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect((page.items as { number: string }[]).map((e) => e.number)).toEqual(["1002"]);

    const bad = await call(platformToken, "GET", `/domains/${domainA.id}/extensions?pageSize=lots`);
    expect(bad.status).toBe(422);
    expect((await json(bad)).issues).toEqual([expect.objectContaining({ field: "pageSize" })]);
  });

  it("drains and reactivates a telephony node", async () => {
    const created = await call(platformToken, "POST", "/nodes", {
      hostname: "fs1",
      sipAddress: "10.0.0.11",
      eslHost: "10.0.0.11",
      eslPassword: "ClueCon",
    });
    expect(created.status).toBe(201);
    const { node } = (await json(created)) as { node: { id: string } };

    const drained = await call(platformToken, "POST", `/nodes/${node.id}/drain`);
    expect(drained.status).toBe(200);
    expect((await t.db.telephonyNode.findUniqueOrThrow({ where: { id: node.id } })).adminState).toBe("DRAINING");

    await call(platformToken, "POST", `/nodes/${node.id}/activate`);
    expect((await t.db.telephonyNode.findUniqueOrThrow({ where: { id: node.id } })).adminState).toBe("ACTIVE");
  });
});

describe("REST API audit trail", () => {
  it("reads back, over the API, what the token did", async () => {
    const res = await call(platformToken, "GET", "/audit-log?actor=token:billing&entityType=Domain&pageSize=50");
    expect(res.status).toBe(200);
    const page = await json(res);
    const rows = page.items as { action: string; actorLabel: string; id: string }[];
    expect(rows.map((r) => r.action)).toContain("domain.create");
    expect(rows.every((r) => r.actorLabel === "token:billing")).toBe(true);
    // 64-bit audit ids travel as strings.
    expect(typeof rows[0]!.id).toBe("string");
  });
});

describe("REST API with a domain token", () => {
  beforeAll(async () => {
    domainB = (await json(
      await call(platformToken, "POST", "/domains", domainBody("other.voice.example.com")),
    )) as typeof domainB;
    const tenantB: TenantContext = {
      db: t.db,
      actor: { userId: null, tokenId: null, label: "test", ip: null },
      domain: domainB,
      role: "TENANT_ADMIN",
      extensionId: null,
    };
    otherTenantToken = (await createDomainApiToken(tenantB, { name: "crm-b" })).token;
  });

  it("gets 404 for another tenant's extension and cannot list that tenant", async () => {
    const get = await call(otherTenantToken, "GET", `/domains/${domainA.id}/extensions/${extensionId}`);
    expect(get.status).toBe(404);
    expect((await json(get)).code).toBe("not_found");

    expect((await call(otherTenantToken, "GET", `/domains/${domainA.id}/extensions`)).status).toBe(404);
    const update = await call(otherTenantToken, "PATCH", `/domains/${domainA.id}/extensions/${extensionId}`, {
      displayName: "Pwned",
    });
    expect(update.status).toBe(404);
    expect((await t.db.extension.findUniqueOrThrow({ where: { id: extensionId } })).displayName).toBe("Reception");
  });

  it("cannot reach another tenant's object through its own domain either", async () => {
    const res = await call(otherTenantToken, "GET", `/domains/${domainB.id}/extensions/${extensionId}`);
    expect(res.status).toBe(404);
    const own = await json(await call(otherTenantToken, "GET", `/domains/${domainB.id}/extensions`));
    expect(own.items).toEqual([]);
  });

  it("sees a number only once it is assigned to its own domain", async () => {
    expect((await call(platformToken, "POST", "/numbers", { from: "+14155550100" })).status).toBe(201);
    const pool = await json(await call(platformToken, "GET", "/numbers?search=4155550100&status=unassigned"));
    const [number] = pool.items as { id: string; e164: string }[];
    expect(number?.e164).toBe("+14155550100");

    expect(
      (await call(platformToken, "POST", "/numbers/assign", { ids: [number!.id], domainId: domainA.id })).status,
    ).toBe(200);
    const ownList = await json(await call(otherTenantToken, "GET", `/domains/${domainB.id}/numbers`));
    expect(ownList.items).toEqual([]);
    const destination = { destination: { type: "EXTENSION", target: "1001" } };
    const hijack = await call(
      otherTenantToken,
      "PUT",
      `/domains/${domainB.id}/numbers/${number!.id}/destination`,
      destination,
    );
    expect(hijack.status).toBe(404);
    const tenantList = await json(await call(platformToken, "GET", `/domains/${domainA.id}/numbers`));
    expect((tenantList.items as { id: string }[]).map((n) => n.id)).toEqual([number!.id]);
  });

  it("is refused platform operations with 403", async () => {
    const res = await call(otherTenantToken, "GET", "/domains");
    expect(res.status).toBe(403);
    expect((await json(res)).code).toBe("forbidden");
  });

  it("manages its own domain", async () => {
    const res = await call(otherTenantToken, "POST", `/domains/${domainB.id}/extensions`, {
      number: "2001",
      displayName: "B",
    });
    expect(res.status).toBe(201);
  });
});

describe("REST API authentication and request errors", () => {
  it("answers 401 with a challenge when the token is missing or unknown", async () => {
    const missing = await call(null, "GET", "/domains");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe("Bearer");
    expect((await json(missing)).code).toBe("unauthorized");
    const unknown = await call(`sb_${"A".repeat(43)}`, "GET", "/domains");
    expect(unknown.status).toBe(401);
  });

  it("answers 401 for a revoked token", async () => {
    const platform: PlatformContext = { db: t.db, actor: { userId: null, tokenId: null, label: "test", ip: null } };
    const created = await createPlatformApiToken(platform, { name: "leaked" });
    expect((await call(created.token, "GET", "/domains")).status).toBe(200);
    await revokeAnyApiToken(platform, created.apiToken.id);
    const res = await call(created.token, "GET", "/domains");
    expect(res.status).toBe(401);
    expect((await json(res)).message).toMatch(/revoked/);
  });

  it("answers 401 for an expired token", async () => {
    const platform: PlatformContext = { db: t.db, actor: { userId: null, tokenId: null, label: "test", ip: null } };
    const created = await createPlatformApiToken(platform, { name: "old", expiresInDays: 1 });
    await t.db.apiToken.update({
      where: { id: created.apiToken.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const res = await call(created.token, "GET", "/domains");
    expect(res.status).toBe(401);
    expect((await json(res)).message).toMatch(/expired/);
  });

  it("answers 400 for malformed JSON, 404 for unknown paths, 405 for a wrong method", async () => {
    const malformed = await send(api, platformToken, "POST", "/domains", "{not json");
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).code).toBe("malformed_json");

    const notJsonObject = await send(api, platformToken, "POST", "/domains", "[1,2]");
    expect(notJsonObject.status).toBe(400);

    expect((await call(platformToken, "GET", "/no-such-thing")).status).toBe(404);
    const wrongMethod = await call(platformToken, "PUT", "/domains");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET, POST");
  });

  it("records lastUsedAt on use", async () => {
    const token = await t.db.apiToken.findUniqueOrThrow({ where: { id: platformTokenId } });
    expect(token.lastUsedAt).toBeInstanceOf(Date);
  });

  it("rate limits per token with 429 and Retry-After", async () => {
    const limited = createRestHandler({ db: () => t.db, rateLimit: { perSecond: 1, burst: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(limited, platformToken, "GET", "/domains")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const res = await send(limited, platformToken, "GET", "/domains");
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await json(res)).code).toBe("rate_limited");
    // Another token has its own bucket.
    expect((await send(limited, otherTenantToken, "GET", `/domains/${domainB.id}/extensions`)).status).toBe(200);
  });
});
