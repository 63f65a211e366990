import type { AnyProcedure, AnyRouter } from "@trpc/server";
import { z } from "zod";
import { appRouter, type AppRouter } from "@/server/api/root";

/** "domains.create", "cluster.nodes.setAdminState", …: every procedure path of the app router, checked by tsc. */
type PathsOf<TRecord> = {
  [K in keyof TRecord & string]: TRecord[K] extends AnyProcedure
    ? K
    : TRecord[K] extends AnyRouter
      ? `${K}.${PathsOf<TRecord[K]["_def"]["record"]>}`
      : TRecord[K] extends Record<string, unknown>
        ? `${K}.${PathsOf<TRecord[K]>}`
        : never;
}[keyof TRecord & string];

export type ProcedurePath = PathsOf<AppRouter["_def"]["record"]>;

/** A JSON Schema object as zod emits it (draft 2020-12, the dialect OpenAPI 3.1 uses). */
export type JsonSchema = { [key: string]: unknown };

/** The merged input of a procedure: always an object, since REST inputs are path + query/body fields. */
export type ObjectJsonSchema = { type: "object"; properties: Record<string, JsonSchema>; required: string[] };

// At runtime the router keeps a flat "a.b.c" → procedure map here (its declared type is the
// nested record), so the cast states the real shape.
const flatProcedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure | undefined>;

export function procedureOf(path: string): AnyProcedure | undefined {
  return flatProcedures[path];
}

const schemaCache = new Map<string, ObjectJsonSchema>();

/**
 * The procedure's own input parsers (tenant procedures have two: `{domainId}` and the
 * operation's schema; tRPC merges their results) turned into one JSON Schema object.
 * This is the whole "OpenAPI from tRPC" trick: no per-router annotations needed.
 */
export function procedureInputSchema(path: string): ObjectJsonSchema {
  const cached = schemaCache.get(path);
  if (cached) return cached;
  const procedure = procedureOf(path);
  if (!procedure) throw new Error(`No procedure ${path} in the app router`);
  const merged: ObjectJsonSchema = { type: "object", properties: {}, required: [] };
  for (const parser of procedure._def.inputs) {
    if (!(parser instanceof z.ZodType)) throw new Error(`${path}: only zod input parsers can be described`);
    const schema = z.toJSONSchema(parser, { io: "input", unrepresentable: "any" }) as JsonSchema;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    Object.assign(merged.properties, properties);
    for (const name of (schema.required ?? []) as string[])
      if (!merged.required.includes(name)) merged.required.push(name);
  }
  schemaCache.set(path, merged);
  return merged;
}
