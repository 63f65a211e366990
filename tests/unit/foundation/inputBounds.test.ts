import { describe, expect, it } from "vitest";
import type { AnyProcedure } from "@trpc/server";
import { z } from "zod";
import { appRouter } from "@/server/api/root";

type JsonSchema = { [key: string]: unknown };

// A pattern with only bounded repetition ({m,n}, ?, no + or * or {m,}) limits length by itself.
const boundedPattern = (pattern: unknown) =>
  typeof pattern === "string" && !/(\+|\*|\{\d+,\})/.test(pattern.replace(/\\./g, "").replace(/\[[^\]]*\]/g, ""));

/** Every string and array reachable in a JSON Schema that has no upper bound, by path. */
function unbounded(schema: JsonSchema, path: string, out: string[]): void {
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type];
  if (types.includes("string") && schema.maxLength === undefined && !schema.enum && schema.const === undefined) {
    if (!boundedPattern(schema.pattern)) out.push(path);
  }
  if (types.includes("array") && schema.maxItems === undefined) out.push(`${path}[]`);
  for (const [key, child] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>))
    unbounded(child, `${path}.${key}`, out);
  if (schema.items) unbounded(schema.items as JsonSchema, `${path}[]`, out);
  for (const alt of [
    ...((schema.anyOf ?? []) as JsonSchema[]),
    ...((schema.oneOf ?? []) as JsonSchema[]),
    ...((schema.allOf ?? []) as JsonSchema[]),
  ])
    unbounded(alt, path, out);
}

const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;

describe("every tRPC input is bounded", () => {
  it("has a zod schema with a length limit on every string and array of every procedure", () => {
    const problems: string[] = [];
    for (const [path, procedure] of Object.entries(procedures)) {
      for (const parser of procedure._def.inputs) {
        expect(parser, `${path} input is a zod schema`).toBeInstanceOf(z.ZodType);
        unbounded(
          z.toJSONSchema(parser as z.ZodType, { io: "input", unrepresentable: "any" }) as JsonSchema,
          path,
          problems,
        );
      }
    }
    expect(problems).toEqual([]);
  });
});
