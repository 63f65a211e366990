import { z } from "zod";

// Just the parts of our own OpenAPI document the reference page renders; parsed, not trusted.
export type JsonSchemaNode = { [key: string]: unknown };

const jsonSchemaNode = z.record(z.string(), z.unknown());

export const parameterShape = z.object({
  name: z.string(),
  in: z.enum(["path", "query", "header", "cookie"]),
  required: z.boolean().optional(),
  schema: jsonSchemaNode.optional(),
});

export const operationShape = z.object({
  operationId: z.string(),
  summary: z.string().optional(),
  tags: z.array(z.string()).default([]),
  parameters: z.array(parameterShape).default([]),
  requestBody: z
    .object({
      required: z.boolean().optional(),
      content: z.object({ "application/json": z.object({ schema: jsonSchemaNode }) }),
    })
    .optional(),
  responses: z.record(z.string(), z.object({ description: z.string() }).loose()),
});

export const openApiShape = z.object({
  info: z.object({ title: z.string(), version: z.string(), description: z.string().optional() }),
  servers: z.array(z.object({ url: z.string() })).min(1),
  paths: z.record(z.string(), z.record(z.string(), operationShape)),
});

export type ApiParameter = z.infer<typeof parameterShape>;
export type ApiOperation = z.infer<typeof operationShape> & { method: string; path: string };
export type ApiDocument = z.infer<typeof openApiShape>;

/** "string, 2–10 chars, pattern …" — one line a person can read next to a field. */
export function describeSchema(schema: JsonSchemaNode | undefined): string {
  if (!schema) return "any";
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchemaNode[]).map(describeSchema).join(" or ");
  if ("const" in schema) return JSON.stringify(schema.const);
  const parts: string[] = [Array.isArray(schema.type) ? schema.type.join(" | ") : String(schema.type ?? "any")];
  if (schema.type === "array" && schema.items) parts[0] = `array of ${describeSchema(schema.items as JsonSchemaNode)}`;
  if (typeof schema.format === "string") parts.push(schema.format);
  const range = (min: unknown, max: unknown, unit: string) => {
    if (min === undefined && max === undefined) return;
    parts.push(`${min ?? ""}–${max ?? ""}${unit}`);
  };
  range(schema.minLength, schema.maxLength, " chars");
  range(schema.minimum, schema.maximum, "");
  range(schema.minItems, schema.maxItems, " items");
  if (typeof schema.pattern === "string") parts.push(`pattern ${schema.pattern}`);
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  return parts.join(", ");
}

/** A starting body for "try it": the required fields with placeholder values. */
export function exampleBody(schema: JsonSchemaNode | undefined): Record<string, unknown> {
  const properties = (schema?.properties ?? {}) as Record<string, JsonSchemaNode>;
  const required = (schema?.required ?? []) as string[];
  const example: Record<string, unknown> = {};
  for (const name of required) example[name] = exampleValue(properties[name]);
  return example;
}

function exampleValue(schema: JsonSchemaNode | undefined): unknown {
  if (!schema) return null;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.anyOf)) return exampleValue((schema.anyOf as JsonSchemaNode[])[0]);
  switch (schema.type) {
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "boolean":
      return false;
    case "array":
      return [];
    case "object":
      return exampleBody(schema);
    default:
      return "";
  }
}
