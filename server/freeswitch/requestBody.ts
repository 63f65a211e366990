import { z } from "zod";
import { DIALED_DESTINATION } from "@/server/dialplan/dialSafety";

const HEX = /^[0-9A-Fa-f]{2}$/;

/** Percent-decoding that keeps malformed escapes (`%zz`, a trailing `%`) literally instead of throwing. */
export function decodeFormValue(raw: string): string {
  if (!raw.includes("%")) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    const bytes: number[] = [];
    for (let i = 0; i < raw.length; i++) {
      const hex = raw.slice(i + 1, i + 3);
      if (raw[i] === "%" && HEX.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(raw[i] ?? "", "utf8"));
      }
    }
    return Buffer.from(bytes).toString("utf8");
  }
}

/**
 * The fields of one mod_xml_curl request. FreeSWITCH's bodies are not strict
 * x-www-form-urlencoded: commas and newlines arrive raw, and keys repeat — the FIRST
 * occurrence wins (it is the binding's own). FreeSWITCH encodes space as %20 and `+`
 * as %2B, so a raw `+` stays a plus (the E.164 prefix far more often than a space).
 * A SIP INVITE sends ~190 fields and we read ~25: nothing is indexed up front (a Map of
 * every key cost ~30 µs per INVITE; an array of field offsets read in a second pass, ~3 µs
 * more than one scan); a read scans the body once, compares keys in place (no strings,
 * no hashing) and decodes only the values asked for.
 */
export class RequestFields {
  private constructor(private readonly body: string) {}

  static parse(body: string): RequestFields {
    return new RequestFields(body);
  }

  /**
   * Each field with a non-empty key, in order, until `visit` returns true: where its key
   * starts and ends, where the field ends, and its key decoded if it arrived %-encoded
   * (FreeSWITCH itself sends none).
   */
  private scan(visit: (start: number, keyEnd: number, end: number, encodedKey: string | null) => boolean): void {
    const body = this.body;
    // The next `=` and `%` at or after the current field, found once each: linear even for `a&a&a…`.
    let eq = -1;
    let percent = -1;
    let start = 0;
    while (start <= body.length) {
      let end = body.indexOf("&", start);
      if (end === -1) end = body.length;
      if (end > start) {
        if (eq !== -1 && eq < start) eq = -1;
        if (eq === -1) eq = body.indexOf("=", start);
        const keyEnd = eq !== -1 && eq < end ? eq : end;
        if (keyEnd > start) {
          if (percent !== -1 && percent < start) percent = -1;
          if (percent === -1) percent = body.indexOf("%", start);
          const encodedKey = percent !== -1 && percent < keyEnd ? decodeFormValue(body.slice(start, keyEnd)) : null;
          if (visit(start, keyEnd, end, encodedKey)) return;
        }
      }
      start = end + 1;
    }
  }

  private valueAt(keyEnd: number, end: number): string {
    return keyEnd === end ? "" : decodeFormValue(detach(this.body.slice(keyEnd + 1, end)));
  }

  get(key: string): string | undefined {
    const body = this.body;
    let value: string | undefined;
    this.scan((start, keyEnd, end, encodedKey) => {
      const named =
        encodedKey !== null ? encodedKey === key : keyEnd - start === key.length && body.startsWith(key, start);
      if (named) value = this.valueAt(keyEnd, end);
      return named;
    });
    return value;
  }

  /**
   * The named fields that are present, decoded: what a schema is given. Each field is
   * compared only with the wanted keys of its length; the scan stops once all are found.
   */
  pick(keys: readonly string[]): Record<string, string> {
    const body = this.body;
    const wanted = wantedKeys(keys);
    const out: Record<string, string> = {};
    let left = wanted.all.size;
    if (left === 0) return out;
    this.scan((start, keyEnd, end, encodedKey) => {
      let key: string | undefined;
      if (encodedKey !== null) key = wanted.all.has(encodedKey) ? encodedKey : undefined;
      else
        for (const candidate of wanted.byLength.get(keyEnd - start) ?? NO_KEYS)
          if (body.startsWith(candidate, start)) {
            key = candidate;
            break;
          }
      // The first occurrence wins.
      if (key === undefined || Object.hasOwn(out, key)) return false;
      out[key] = this.valueAt(keyEnd, end);
      return --left === 0;
    });
    return out;
  }

  toObject(): Record<string, string> {
    const out: Record<string, string> = {};
    this.scan((start, keyEnd, end, encodedKey) => {
      const key = encodedKey ?? this.body.slice(start, keyEnd);
      // Assigning `__proto__` on a plain object stores nothing: it is not a field we return.
      if (key !== "__proto__" && !Object.hasOwn(out, key)) out[key] = this.valueAt(keyEnd, end);
      return false;
    });
    return out;
  }
}

const NO_KEYS: readonly string[] = [];

type WantedKeys = { all: ReadonlySet<string>; byLength: ReadonlyMap<number, readonly string[]> };
/** Per key list: the lists given are the schemas' constants, so this is built once per list. */
const wantedByList = new WeakMap<readonly string[], WantedKeys>();

function wantedKeys(keys: readonly string[]): WantedKeys {
  let wanted = wantedByList.get(keys);
  if (!wanted) {
    // Assigning `__proto__` on a plain object stores nothing: it was never a field we return.
    const all = new Set(keys.filter((key) => key !== "__proto__"));
    const byLength = new Map<number, string[]>();
    for (const key of all) byLength.set(key.length, [...(byLength.get(key.length) ?? []), key]);
    wanted = { all, byLength };
    wantedByList.set(keys, wanted);
  }
  return wanted;
}

/**
 * A copy of `slice` that does not share memory with the string it was cut from. V8 keeps
 * a substring of 13+ characters as a view of its parent, so a domain name read from an
 * INVITE and used in a cache key would keep the whole ~7 KB body alive with that entry
 * (measured: ~2.5 MB promoted per scavenge under load, 4–6 ms pauses). Concatenating
 * forces a fresh flat string; the final slice views only that copy.
 */
function detach(slice: string): string {
  return slice.length < 13 ? slice : (" " + slice).slice(1);
}

export function parseRequestBody(body: string): RequestFields {
  return RequestFields.parse(body);
}

// ───────────────────────────── classification ─────────────────────────────

const hostname = z.string().trim().min(1).max(253);
const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, "not a domain name")
  .max(253);
const userId = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z_.+-]{1,64}$/, "not a user id");
const dialString = z.string().trim().regex(DIALED_DESTINATION, "not a dialable destination");

const directoryUserFields = z.object({
  hostname,
  domain: domainName,
  user: userId,
  action: z.string().optional(),
  sip_auth_method: z.string().optional(),
  ip: z.string().optional(),
});

const domainLookupFields = z.object({
  hostname,
  tag_attr_val: domainName.optional(),
  key_value: domainName.optional(),
  domain: domainName.optional(),
});
const gatewaysFields = z.object({
  hostname,
  profile: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/),
});
const networkListFields = z.object({ hostname, domain: domainName });
const dialplanFields = z.object({
  hostname,
  "Hunt-Context": z.string().trim().toLowerCase().max(253).optional(),
  "Caller-Context": z.string().trim().toLowerCase().max(253).optional(),
  "Hunt-Destination-Number": dialString.optional(),
  "Caller-Destination-Number": dialString.optional(),
  "Caller-Caller-ID-Number": z.string().max(128).optional(),
  variable_user_name: z.string().max(64).optional(),
  variable_domain_name: z.string().trim().toLowerCase().max(253).optional(),
  variable_sb_route_as: z.string().max(64).optional(),
});
const configurationFields = z.object({
  hostname,
  key_value: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/),
  profile: z.string().trim().max(64).optional(),
  "Menu-Name": z.string().trim().max(128).optional(),
  // mod_conference: the `conference` app asks for a profile, a joining member for its keypad group.
  conference_name: z.string().trim().max(300).optional(),
  profile_name: z.string().trim().max(300).optional(),
  Action: z.string().trim().max(64).optional(),
  Controls: z.string().trim().max(64).optional(),
  // mod_callcenter: the queue it is loading; absent when the module loads.
  "CC-Queue": z.string().trim().max(300).optional(),
});

export const xmlCurlRequestSchemas = {
  /** REGISTER / INVITE digest check. */
  sipAuth: directoryUserFields.transform((f) => ({
    kind: "sip-auth" as const,
    hostname: f.hostname,
    domain: f.domain,
    user: f.user,
    method: f.sip_auth_method ?? "",
    sourceIp: f.ip ?? "",
  })),
  /** mod_voicemail resolving a mailbox after registration. */
  messageCount: directoryUserFields.transform((f) => ({
    kind: "message-count" as const,
    hostname: f.hostname,
    domain: f.domain,
    user: f.user,
  })),
  /** user_exists, user_data, voicemail, `user/` dial strings: a plain user lookup. */
  userLookup: directoryUserFields.transform((f) => ({
    kind: "user-lookup" as const,
    hostname: f.hostname,
    domain: f.domain,
    user: f.user,
  })),
  domainLookup: domainLookupFields
    .transform((f) => ({
      kind: "domain-lookup" as const,
      hostname: f.hostname,
      domain: f.tag_attr_val ?? f.domain ?? f.key_value ?? "",
    }))
    .refine((r) => r.domain !== "", "domain lookup without a domain"),
  gateways: gatewaysFields.transform((f) => ({ kind: "gateways" as const, hostname: f.hostname, profile: f.profile })),
  networkList: networkListFields.transform((f) => ({
    kind: "network-list" as const,
    hostname: f.hostname,
    domain: f.domain,
  })),
  dialplan: dialplanFields
    .transform((f) => ({
      kind: "dialplan" as const,
      hostname: f.hostname,
      context: f["Hunt-Context"] ?? f["Caller-Context"] ?? "",
      destination: f["Hunt-Destination-Number"] ?? f["Caller-Destination-Number"] ?? "",
      callerIdNumber: f["Caller-Caller-ID-Number"] ?? "",
      // Set by mod_sofia only after digest auth; only trusted in the user's own domain.
      authenticatedUser:
        f.variable_user_name && f.variable_domain_name === (f["Hunt-Context"] ?? f["Caller-Context"])
          ? f.variable_user_name
          : undefined,
      // Set by our own dialplan when it forwards a call (see render/dialplan.ts); SIP peers cannot set it.
      routeAs: f.variable_sb_route_as,
    }))
    .refine((r) => r.context !== "" && r.destination !== "", "dialplan request without a context or destination"),
  configuration: configurationFields.transform((f) => ({
    kind: "configuration" as const,
    hostname: f.hostname,
    name: f.key_value,
    profile: f.profile,
    menuName: f["Menu-Name"],
    conferenceName: f.conference_name,
    conferenceProfile: f.profile_name,
    conferenceControls: f.Action === "request-controls" ? f.Controls : undefined,
    callcenterQueue: f["CC-Queue"],
  })),
};

type Schemas = typeof xmlCurlRequestSchemas;
export type XmlCurlRequest = { [K in keyof Schemas]: z.output<Schemas[K]> }[keyof Schemas];
export type Unsupported = { kind: "unsupported"; reason: string; hostname?: string };

const SCHEMA_CHOICE_KEYS = ["section", "purpose", "action", "tag", "tag_attr_name", "user"];
/**
 * Every key classification reads, the schema choice's and every schema's: only these are
 * decoded, in one pass over the body (an object schema ignores the keys it does not declare).
 */
const CLASSIFY_KEYS = [
  ...new Set([
    ...SCHEMA_CHOICE_KEYS,
    ...[
      directoryUserFields,
      domainLookupFields,
      gatewaysFields,
      networkListFields,
      dialplanFields,
      configurationFields,
    ].flatMap((schema) => Object.keys(schema.shape)),
  ]),
];

function pickSchema(f: Record<string, string | undefined>): keyof Schemas | string {
  switch (f.section) {
    case "directory":
      if (f.purpose === "gateways") return "gateways";
      if (f.purpose === "network-list") return "networkList";
      if (f.action === "sip_auth") return "sipAuth";
      if (f.action === "message-count") return "messageCount";
      if (f.tag === "domain" && f.tag_attr_name === "name") return "domainLookup";
      if (
        f.user !== undefined &&
        (f.action === undefined || f.action === "user_call" || f.action === "voicemail-lookup")
      )
        return "userLookup";
      return `directory request without a known purpose (action=${f.action ?? "none"})`;
    case "dialplan":
      return "dialplan";
    case "configuration":
      return "configuration";
    default:
      return `unknown section ${JSON.stringify(f.section ?? "")}`;
  }
}

/**
 * Per schema, its optional fields: FreeSWITCH sends an unset variable as an empty value,
 * which means absent. Blanking them before zod is far cheaper than a `z.preprocess` per field.
 */
const OPTIONAL_KEYS: Record<keyof Schemas, readonly string[]> = {
  sipAuth: optionalKeys(directoryUserFields),
  messageCount: optionalKeys(directoryUserFields),
  userLookup: optionalKeys(directoryUserFields),
  domainLookup: optionalKeys(domainLookupFields),
  gateways: optionalKeys(gatewaysFields),
  networkList: optionalKeys(networkListFields),
  dialplan: optionalKeys(dialplanFields),
  configuration: optionalKeys(configurationFields),
};

function optionalKeys(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => field instanceof z.ZodOptional)
    .map(([key]) => key);
}

/** Turns raw fields into one typed request, or says why it is not one we answer. */
export function classifyRequest(fields: RequestFields): XmlCurlRequest | Unsupported {
  const picked: Record<string, string | undefined> = fields.pick(CLASSIFY_KEYS);
  const choice = pickSchema(picked);
  if (!(choice in xmlCurlRequestSchemas)) return { kind: "unsupported", reason: choice, hostname: picked.hostname };
  for (const key of OPTIONAL_KEYS[choice as keyof Schemas]) if (picked[key] === "") picked[key] = undefined;
  const parsed = xmlCurlRequestSchemas[choice as keyof Schemas].safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      kind: "unsupported",
      reason: `${choice}: ${issue?.path.join(".")} ${issue?.message}`,
      hostname: picked.hostname,
    };
  }
  return parsed.data;
}
