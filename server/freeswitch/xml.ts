// The only way XML leaves this module: every attribute value and text goes through
// `escapeXml`, so a caller ID name like `<A&B "x">` can never break a document.

/** Characters XML 1.0 forbids anywhere (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const ILLEGAL_XML_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
const NEEDS_WORK = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function escapeXml(value: string): string {
  // Fast path: most values (numbers, names) need nothing.
  if (!NEEDS_WORK.test(value)) return value;
  return value.replace(ILLEGAL_XML_CHARS, "").replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export type XmlAttrs = Record<string, string | number | boolean | null | undefined>;
/** A rendered, already-escaped fragment. Only `el` creates one, so raw strings cannot sneak in. */
export type XmlNode = { readonly xml: string };

function renderAttrs(attrs: XmlAttrs): string {
  let out = "";
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    out += ` ${name}="${escapeXml(String(value))}"`;
  }
  return out;
}

/** An element; children that are `null`/`false` are skipped so renderers can write `cond && el(...)`. */
export function el(
  name: string,
  attrs: XmlAttrs = {},
  children: ReadonlyArray<XmlNode | null | false | undefined> = [],
): XmlNode {
  const kids = children.filter((c): c is XmlNode => Boolean(c));
  if (kids.length === 0) return { xml: `<${name}${renderAttrs(attrs)}/>` };
  return { xml: `<${name}${renderAttrs(attrs)}>${kids.map((k) => k.xml).join("")}</${name}>` };
}

/** A whole FreeSWITCH answer: one `<section>` holding `children`. */
export function freeswitchDocument(
  section: string,
  children: ReadonlyArray<XmlNode | null | false | undefined>,
): string {
  return el("document", { type: "freeswitch/xml" }, [el("section", { name: section }, children)]).xml;
}

/** The answer that makes FreeSWITCH fall back to its local files (or fail the lookup). */
export const notFoundDocument =
  '<document type="freeswitch/xml"><section name="result"><result status="not found"/></section></document>';

export const param = (name: string, value: string | number | boolean): XmlNode => el("param", { name, value });
export const variable = (name: string, value: string | number | boolean): XmlNode => el("variable", { name, value });
