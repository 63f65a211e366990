import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { ResolvedAddress } from "./targetGuard";

export type SendResult = { statusCode: number };

/** Receivers get this long to answer; a slow one counts as failed and is tried again later. */
export const SEND_TIMEOUT_MS = 10_000;

/**
 * POSTs `body` to `url`, connecting to `address` (the one the guard checked) while TLS and the
 * Host header keep the URL's name. Redirects are not followed: a 3xx is a failed attempt, so a
 * receiver cannot bounce us to a private address.
 */
export function sendWebhook(
  url: URL,
  address: ResolvedAddress,
  headers: Record<string, string>,
  body: string,
  timeoutMs = SEND_TIMEOUT_MS,
): Promise<SendResult> {
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [address]);
    else callback(null, address.address, address.family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: "POST",
        lookup: pinned,
        headers: { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) },
        timeout: timeoutMs,
        agent: false,
      },
      (res) => {
        // Only the status matters; drain the body so the socket closes.
        res.resume();
        res.on("end", () => resolve({ statusCode: res.statusCode ?? 0 }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}
