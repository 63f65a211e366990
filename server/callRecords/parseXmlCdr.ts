import { XMLParser } from "fast-xml-parser";
import { CdrParseError } from "./cdrParseError";
import type { RawCdr } from "./cdrRecord";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name, jpath) => jpath === "cdr.callflow" && name === "callflow",
  // Kept as raw text, not parsed: nothing is read from these (most of an xml_cdr's size).
  stopNodes: [
    "cdr.channel_data",
    "cdr.call-stats",
    "cdr.app_log",
    "cdr.callflow.extension",
    "cdr.callflow.times",
    "cdr.callflow.caller_profile.origination",
    "cdr.callflow.caller_profile.originator",
  ],
});

type XmlNode = Record<string, unknown>;

const isNode = (v: unknown): v is XmlNode => typeof v === "object" && v !== null && !Array.isArray(v);

/** The text children of an element (`<a>x</a>` → a: "x"); nested elements and attributes are skipped. */
function texts(node: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isNode(node)) return out;
  for (const key in node) {
    if (key.startsWith("@")) continue;
    const first = Array.isArray(node[key]) ? (node[key] as unknown[])[0] : node[key];
    if (typeof first === "string") out[key] = first;
  }
  return out;
}

/** A mod_xml_cdr document (the XML itself, already taken out of its `cdr=` form field). */
export function parseXmlCdr(xml: string): RawCdr {
  let doc: unknown;
  try {
    doc = parser.parse(xml, true);
  } catch (error) {
    throw new CdrParseError(
      `the body is not well-formed XML (${error instanceof Error ? error.message : "parse error"})`,
    );
  }
  const cdr = isNode(doc) ? doc.cdr : undefined;
  if (!isNode(cdr) || !isNode(cdr.variables))
    throw new CdrParseError("the XML is not a FreeSWITCH CDR (no <cdr><variables>)");
  const flows = Array.isArray(cdr.callflow) ? cdr.callflow : [];
  const original: unknown = flows.at(-1);
  return {
    format: "xml",
    switchname: typeof cdr["@switchname"] === "string" ? cdr["@switchname"] : null,
    variables: texts(cdr.variables),
    callerProfile: isNode(original) ? texts(original.caller_profile) : {},
  };
}
