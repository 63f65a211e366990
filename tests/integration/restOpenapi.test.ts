import SwaggerParser from "@apidevtools/swagger-parser";
import type { OpenAPIV3_1 } from "openapi-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRestHandler } from "@/server/api/rest/handler";
import { procedureOf } from "@/server/api/rest/procedures";
import { restRoutes } from "@/server/api/rest/routes";
import { createTestDatabase, type TestDatabase } from "../support/database";

let t: TestDatabase;
let document: OpenAPIV3_1.Document;

beforeAll(async () => {
  t = await createTestDatabase();
  const api = createRestHandler({ db: () => t.db, rateLimit: { perSecond: 10, burst: 10 } });
  // Public: integrators read the reference before they have a token.
  const res = await api(new Request("http://switchboard.test/api/v1/openapi.json"));
  expect(res.status).toBe(200);
  document = (await res.json()) as OpenAPIV3_1.Document;
});

afterAll(async () => {
  await t.drop();
});

describe("OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    // validate() dereferences in place; give it a copy.
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeTruthy();
    expect(document.openapi).toBe("3.1.0");
  });

  it("lists every route, each backed by an existing procedure, with unique operation ids", () => {
    const ids = new Set<string>();
    for (const route of restRoutes) {
      expect(procedureOf(route.procedure), route.procedure).toBeDefined();
      const operation = document.paths?.[route.path]?.[route.method.toLowerCase() as "get"];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      ids.add(operation!.operationId!);
    }
    expect(ids.size).toBe(restRoutes.length);
    const documented = Object.values(document.paths ?? {}).reduce((n, item) => n + Object.keys(item ?? {}).length, 0);
    expect(documented).toBe(restRoutes.length);
  });

  it("describes inputs from the procedures' own zod schemas", () => {
    const create = document.paths?.["/domains/{domainId}/extensions"]?.post;
    const body = (create?.requestBody as OpenAPIV3_1.RequestBodyObject).content["application/json"]!
      .schema as OpenAPIV3_1.SchemaObject;
    expect(body.required).toEqual(expect.arrayContaining(["number", "displayName"]));
    // The path decides the tenant: domainId is a path parameter, not a body field.
    expect(body.properties).not.toHaveProperty("domainId");
    expect(body.properties?.sipPassword).toMatchObject({ type: "string", minLength: 12 });
    expect(create?.parameters).toEqual([expect.objectContaining({ name: "domainId", in: "path", required: true })]);

    const list = document.paths?.["/domains/{domainId}/extensions"]?.get;
    const query = (list?.parameters as OpenAPIV3_1.ParameterObject[])
      .filter((p) => p.in === "query")
      .map((p) => p.name);
    expect(query).toEqual(expect.arrayContaining(["page", "pageSize", "search", "enabled", "sort"]));

    // A route that fixes a field does not ask for it.
    const drain = document.paths?.["/nodes/{id}/drain"]?.post;
    expect(drain?.requestBody).toBeUndefined();
  });
});
