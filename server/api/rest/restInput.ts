import { errorResponse } from "./errors";
import { procedureInputSchema, type JsonSchema } from "./procedures";
import type { RestRoute } from "./routes";

export type InputResult = { ok: true; input: Record<string, unknown> } | { ok: false; response: Response };

/** Largest JSON body accepted; bulk assignment of many domains is the biggest legitimate one. */
const MAX_BODY_BYTES = 1_000_000;

function jsonTypes(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  const own = Array.isArray(schema.type)
    ? (schema.type as string[])
    : typeof schema.type === "string"
      ? [schema.type]
      : [];
  const alternatives = [...((schema.anyOf ?? []) as JsonSchema[]), ...((schema.oneOf ?? []) as JsonSchema[])];
  return [...own, ...alternatives.flatMap(jsonTypes)];
}

// Query strings are untyped; the procedure's own schema says what each field should be.
// A value that does not fit is passed on unchanged so validation names the field.
function coerceScalar(value: string, types: string[]): unknown {
  if (
    (types.includes("integer") || types.includes("number")) &&
    value.trim() !== "" &&
    Number.isFinite(Number(value))
  ) {
    return Number(value);
  }
  if (types.includes("boolean") && (value === "true" || value === "false")) return value === "true";
  return value;
}

function queryInput(url: URL, properties: Record<string, JsonSchema>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name of new Set(url.searchParams.keys())) {
    const schema = properties[name];
    const types = jsonTypes(schema);
    if (types.includes("array")) {
      const itemTypes = jsonTypes(schema?.items as JsonSchema | undefined);
      input[name] = url.searchParams.getAll(name).map((v) => coerceScalar(v, itemTypes));
    } else {
      input[name] = coerceScalar(url.searchParams.get(name)!, types);
    }
  }
  return input;
}

/**
 * The body as text, or null past MAX_BODY_BYTES. Reads the stream and stops at the limit:
 * `request.text()` would buffer a body of any size (or wait forever on an endless one) first.
 */
async function readLimited(request: Request): Promise<string | null> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function bodyInput(request: Request): Promise<InputResult> {
  const text = await readLimited(request);
  if (text === null) {
    return {
      ok: false,
      response: errorResponse(413, {
        code: "payload_too_large",
        message: `The request body is larger than ${MAX_BODY_BYTES} bytes`,
      }),
    };
  }
  if (text.trim() === "") return { ok: true, input: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {
      ok: false,
      response: errorResponse(400, { code: "malformed_json", message: "The request body is not valid JSON" }),
    };
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    return {
      ok: false,
      response: errorResponse(400, { code: "malformed_json", message: "The request body must be a JSON object" }),
    };
  }
  return { ok: true, input: parsed as Record<string, unknown> };
}

/** `{ ...query-or-body, ...preset, ...path }`: the URL, not the payload, decides which object and tenant. */
export async function buildProcedureInput(
  route: RestRoute,
  params: Record<string, string>,
  url: URL,
  request: Request,
): Promise<InputResult> {
  let fields: Record<string, unknown> = {};
  if (route.input === "query") fields = queryInput(url, procedureInputSchema(route.procedure).properties);
  if (route.input === "body") {
    const body = await bodyInput(request);
    if (!body.ok) return body;
    fields = body.input;
  }
  return { ok: true, input: { ...fields, ...route.preset, ...params } };
}
