import { REST_ERROR_CODES } from "./errors";
import { pathParameterNames } from "./matchRoute";
import { procedureInputSchema, type JsonSchema, type ObjectJsonSchema } from "./procedures";
import { restRoutes, type RestRoute } from "./routes";

export type OpenApiDocument = { openapi: "3.1.0"; [key: string]: unknown };

const errorRef = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

const ERROR_RESPONSES = {
  "401": errorRef("Missing, invalid, expired or revoked token (`unauthorized`)"),
  "403": errorRef("The token's role may not call this operation (`forbidden`)"),
  "404": errorRef("No such object in the token's scope (`not_found`)"),
  "409": errorRef("Conflicts with existing data (`conflict`); `issues` names the field"),
  "422": errorRef(
    "Invalid fields (`validation_failed`, per-field `issues`) or a tenant limit reached (`limit_exceeded`)",
  ),
  "429": {
    ...errorRef("Rate limit for this token exceeded (`rate_limited`)"),
    headers: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } },
  },
};

function operationId(route: RestRoute): string {
  // Routes sharing a procedure (drain/activate) differ by their last path segment.
  const base = route.procedure.replace(/\.(\w)/g, (_m, c: string) => c.toUpperCase());
  return route.preset ? `${base}_${route.path.split("/").pop()}` : base;
}

function withoutFields(schema: ObjectJsonSchema, fields: string[]): ObjectJsonSchema {
  const properties = Object.fromEntries(Object.entries(schema.properties).filter(([name]) => !fields.includes(name)));
  return { type: "object", properties, required: schema.required.filter((name) => !fields.includes(name)) };
}

function operationFor(route: RestRoute): JsonSchema {
  const input = procedureInputSchema(route.procedure);
  const pathNames = pathParameterNames(route.path);
  const parameters: JsonSchema[] = pathNames.map((name) => ({
    name,
    in: "path",
    required: true,
    schema: input.properties[name] ?? { type: "string" },
  }));
  const rest = withoutFields(input, [...pathNames, ...Object.keys(route.preset ?? {})]);
  if (route.input === "query") {
    for (const [name, schema] of Object.entries(rest.properties)) {
      parameters.push({ name, in: "query", required: rest.required.includes(name), schema });
    }
  }
  const success = route.created ? "201" : "200";
  return {
    operationId: operationId(route),
    summary: route.summary,
    tags: [route.tag],
    "x-trpc-procedure": route.procedure,
    parameters,
    ...(route.input === "body"
      ? { requestBody: { required: rest.required.length > 0, content: { "application/json": { schema: rest } } } }
      : {}),
    responses: {
      [success]: { description: route.created ? "Created" : "OK", content: { "application/json": { schema: {} } } },
      ...(route.method === "DELETE" ? { "204": { description: "Deleted; nothing to return" } } : {}),
      ...(route.input === "body" ? { "400": errorRef("The body is not a JSON object (`malformed_json`)") } : {}),
      ...ERROR_RESPONSES,
    },
  };
}

/** The OpenAPI 3.1 description of every route, built from the route table and the procedures' zod inputs. */
export function buildOpenApiDocument(): OpenApiDocument {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of restRoutes) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operationFor(route);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Switchboard API",
      version: "1.0.0",
      description:
        "Automate tenants, extensions and the cluster. Every operation runs the same procedure as the portal, " +
        "with the same validation, tenant scoping and audit trail. Authenticate with `Authorization: Bearer sb_…`.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerAuth: [] }],
    tags: [...new Set(restRoutes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "An API token (`sb_…`) created in the portal." },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["code", "message"],
          properties: {
            code: { type: "string", enum: [...REST_ERROR_CODES] },
            message: { type: "string" },
            issues: {
              type: "array",
              items: {
                type: "object",
                required: ["field", "message"],
                properties: { field: { type: "string" }, message: { type: "string" } },
              },
            },
          },
        },
      },
    },
  };
}
