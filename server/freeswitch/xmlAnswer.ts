import { notFoundDocument } from "./xml";

/**
 * An answer as it goes on the wire: encoded once when it is made (and cached), so a
 * cache hit writes the same bytes again instead of re-encoding a string per request.
 * Each gets its own memory, not a slice of Node's shared pool, so a cached answer
 * does not keep a pooled slab (and other short-lived buffers in it) alive.
 */
export type XmlAnswer = Buffer;

export function xmlAnswer(document: string): XmlAnswer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(document));
  bytes.write(document, "utf8");
  return bytes;
}

export const notFoundAnswer: XmlAnswer = xmlAnswer(notFoundDocument);
