import type { EslMessage } from "./eslParser";

/**
 * One FreeSWITCH event, the same whichever format it came in: header names as FreeSWITCH
 * spells them, values decoded (plain events URL-encode them, json events do not).
 */
export type FsEvent = {
  name: string;
  /** For CUSTOM events, e.g. "sofia::register". */
  subclass: string | null;
  headers: Record<string, string>;
  body: string;
};

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A stray "%" is not an encoding: keep the value as sent rather than drop the event.
    return value;
  }
}

function parsePlain(text: string): { headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = {};
  const end = text.indexOf("\n\n");
  const head = end < 0 ? text : text.slice(0, end);
  for (const line of head.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon)] = decode(line.slice(colon + 1).trim());
  }
  // Events with a body (e.g. BACKGROUND_JOB) announce it with their own Content-Length.
  const length = Number(headers["Content-Length"] ?? 0);
  const body =
    end < 0 || !length
      ? ""
      : Buffer.from(text.slice(end + 2))
          .subarray(0, length)
          .toString("utf8");
  return { headers, body };
}

function parseJson(text: string): { headers: Record<string, string>; body: string } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return null;
  const headers: Record<string, string> = {};
  let body = "";
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (key === "_body") body = String(value);
    else if (typeof value === "string") headers[key] = value;
    else if (typeof value === "number" || typeof value === "boolean") headers[key] = String(value);
  }
  return { headers, body };
}

/** The event carried by an ESL message, or null when it is not a well-formed event. */
export function parseEslEvent(message: EslMessage): FsEvent | null {
  const type = message.headers.get("content-type");
  const parsed =
    type === "text/event-plain"
      ? parsePlain(message.body)
      : type === "text/event-json"
        ? parseJson(message.body)
        : null;
  if (!parsed) return null;
  const name = parsed.headers["Event-Name"];
  if (!name) return null;
  return { name, subclass: parsed.headers["Event-Subclass"] ?? null, headers: parsed.headers, body: parsed.body };
}
