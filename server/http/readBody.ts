import type { IncomingMessage } from "node:http";

/** Past this much, a body is not worth draining: the connection is dropped instead. */
const DRAIN_LIMIT_BYTES = 64 << 20;

/**
 * A request body as one string, or null when it is over `maxBytes`. The rest of an oversize
 * body is read to its end and discarded, never buffered: answering while the client is still
 * writing makes Node close the connection under it (a reset, not an answer). Only a body past
 * DRAIN_LIMIT_BYTES gets the connection dropped. Usually the body arrives in one chunk, decoded
 * as is; several are joined into one buffer of the known total size.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      if (size > DRAIN_LIMIT_BYTES) {
        resolve(null);
        req.destroy();
      }
    });
    req.on("end", () => {
      if (size > maxBytes) return resolve(null);
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
      resolve(body.toString("utf8"));
    });
    req.on("error", reject);
  });
}
