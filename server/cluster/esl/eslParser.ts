/** One ESL message: headers, then Content-Length bytes of body. */
export type EslMessage = { headers: Map<string, string>; body: string };

/**
 * Splits FreeSWITCH event-socket output into messages. Bytes arrive in arbitrary
 * chunks, so it buffers until a full header block (ending in a blank line) and the
 * announced body are in.
 */
export class EslParser {
  private buffer = Buffer.alloc(0);

  push(chunk: Buffer): EslMessage[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const out: EslMessage[] = [];
    for (;;) {
      const end = this.buffer.indexOf("\n\n");
      if (end < 0) break;
      const headers = new Map<string, string>();
      for (const line of this.buffer.subarray(0, end).toString("utf8").split("\n")) {
        const colon = line.indexOf(":");
        if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      const length = Number(headers.get("content-length") ?? 0);
      if (this.buffer.length < end + 2 + length) break;
      out.push({ headers, body: this.buffer.subarray(end + 2, end + 2 + length).toString("utf8") });
      this.buffer = this.buffer.subarray(end + 2 + length);
    }
    return out;
  }
}
