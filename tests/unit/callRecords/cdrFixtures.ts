import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The captured FreeSWITCH 1.10.12 CDR posts and spool files, read in place. */
export const OPS_FIXTURE_DIR = join(process.cwd(), "..", "shared", "fixtures", "freeswitch-ops");
export const CDR_POST_DIR = join(OPS_FIXTURE_DIR, "cdr");
export const CDR_SPOOL_DIR = join(OPS_FIXTURE_DIR, "err-log-dir");

export type CapturedPost = {
  name: string;
  /** e.g. /json_cdr?uuid=… */
  target: string;
  headers: Record<string, string>;
  /** Exactly the bytes the module sent. */
  body: Buffer;
};

/** A `*.http` capture: request line, headers as received, a blank line, the exact body. */
export function readCapturedPost(name: string): CapturedPost {
  const raw = readFileSync(join(CDR_POST_DIR, name));
  const split = raw.indexOf("\n\n");
  if (split < 0) throw new Error(`${name}: no end of headers`);
  const [requestLine = "", ...headerLines] = raw.subarray(0, split).toString("latin1").split(/\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = raw.subarray(split + 2);
  if (Number(headers["content-length"]) !== body.length) throw new Error(`${name}: body is not Content-Length long`);
  return { name, target: requestLine.split(" ")[1] ?? "", headers, body };
}

export const capturedPostNames = () =>
  readdirSync(CDR_POST_DIR)
    .filter((f) => f.endsWith(".http"))
    .sort();

export const spoolFileNames = () =>
  readdirSync(CDR_SPOOL_DIR)
    .filter((f) => f.endsWith(".cdr.json") || f.endsWith(".cdr.xml"))
    .sort();

export const readSpoolFile = (name: string) => readFileSync(join(CDR_SPOOL_DIR, name), "utf8");

/** What FreeSWITCH's leg/scenario file names say: `<scenario>.<a-leg|b-leg>.<json|xml>_cdr…`. */
export function fixtureLeg(name: string): { scenario: string; leg: "a" | "b"; format: "json" | "xml" } {
  const m =
    /^(\d\d)-.*?\.(a|b)-leg\.(json|xml)_cdr/.exec(name) ?? /^(\d\d)-.*?\.(json|xml)_cdr\.err-log-dir\.(a)_/.exec(name);
  if (!m) throw new Error(`unexpected fixture name ${name}`);
  return name.includes("err-log-dir")
    ? { scenario: m[1] as string, leg: "a", format: m[2] as "json" | "xml" }
    : { scenario: m[1] as string, leg: m[2] as "a" | "b", format: m[3] as "json" | "xml" };
}
