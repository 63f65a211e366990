/** A body that is not a CDR we can read: answered 400 with this message. */
export class CdrParseError extends Error {
  override name = "CdrParseError";
}

/**
 * Both modules URL-encode variable values (json_cdr `encode-values`, xml_cdr always).
 * A value that does not decode (a literal `%` with encoding off) is kept as it came.
 */
export function decodeValue(value: string): string {
  if (!value.includes("%")) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
