import { CdrParseError } from "./cdrParseError";
import type { RawCdr } from "./cdrRecord";
import { parseJsonCdr } from "./parseJsonCdr";
import { parseXmlCdr } from "./parseXmlCdr";

/** application/x-www-form-urlencoded value decoding ("+" is a space). */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    throw new CdrParseError("the cdr= field is not valid URL encoding");
  }
}

function fromBase64(value: string): string | null {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(value)) return null;
  const decoded = Buffer.from(value, "base64").toString("utf8").trimStart();
  return decoded.startsWith("<") || decoded.startsWith("{") ? decoded : null;
}

/**
 * Whatever a node posts to /freeswitch/cdr: mod_json_cdr's raw JSON (labelled
 * x-www-form-urlencoded all the same), mod_xml_cdr's `cdr=<urlencoded XML>`, either
 * module's `cdr=` form with encode=true or base64, or a raw XML document (encode=false).
 */
export function parseCdrBody(body: string): RawCdr {
  let document = body.trimStart();
  if (document.startsWith("cdr=")) {
    const end = document.indexOf("&");
    const field = document.slice(4, end === -1 ? undefined : end);
    const decoded = formDecode(field).trimStart();
    document = decoded.startsWith("<") || decoded.startsWith("{") ? decoded : (fromBase64(field) ?? decoded);
  } else if (/^%3C|^%7B/i.test(document)) {
    // A spooled xml_cdr file posted as is, without its cdr= field name.
    document = formDecode(document).trimStart();
  }
  if (document.startsWith("{")) return parseJsonCdr(document);
  if (document.startsWith("<")) return parseXmlCdr(document);
  throw new CdrParseError("the body is not a FreeSWITCH CDR: expected JSON, XML or a cdr= form field");
}
