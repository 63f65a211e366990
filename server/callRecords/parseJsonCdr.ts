import { CdrParseError } from "./cdrParseError";
import type { RawCdr } from "./cdrRecord";

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** Scalar fields as strings; nested objects are not variables and are skipped. */
function scalars(record: JsonObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in record) {
    const value = record[key];
    if (typeof value === "string") out[key] = value;
    else if (typeof value === "number" || typeof value === "boolean") out[key] = String(value);
  }
  return out;
}

/**
 * A mod_json_cdr document (the raw JSON it posts or spools). Checked by hand rather than
 * with a zod schema of the whole document: a CDR has ~300 variables, and only the record
 * extracted from it (validated by cdrRecordSchema) is kept.
 */
export function parseJsonCdr(body: string): RawCdr {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new CdrParseError("the body is not valid JSON");
  }
  if (!isObject(json) || !isObject(json.variables))
    throw new CdrParseError("the JSON is not a FreeSWITCH CDR (no variables object)");
  const flows: unknown[] = Array.isArray(json.callflow)
    ? json.callflow
    : json.callflow === undefined
      ? []
      : [json.callflow];
  const original = flows.at(-1);
  const profile = isObject(original) && isObject(original.caller_profile) ? original.caller_profile : {};
  return {
    format: "json",
    switchname: typeof json.switchname === "string" ? json.switchname : null,
    // Not copied: ~300 entries, of which extractCdrRecord reads a few dozen.
    variables: json.variables,
    callerProfile: scalars(profile),
  };
}
