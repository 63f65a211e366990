import type { IncomingMessage } from "node:http";

/**
 * A request body as one string, or null once it grows past `maxBytes` (the request is then
 * dropped, so an endless body costs nothing more). Usually the body arrives in one chunk,
 * decoded as is; several are joined into one buffer of the known total size.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
      resolve(body.toString("utf8"));
    });
    req.on("error", reject);
  });
}
