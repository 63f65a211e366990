import type { IncomingMessage } from "node:http";
import { isIP, type BlockList } from "node:net";
import { z } from "zod";
import { cidrList, listHas, plainAddress } from "./cidrList";

/** A proxy on the same host (nginx, HAProxy in front of `npm start`) by default. */
const DEFAULT_TRUSTED_PROXIES = "127.0.0.0/8,::1/128";

/** TRUSTED_PROXIES: the comma-separated CIDRs of the proxies whose X-Forwarded-For is believed. */
export function trustedProxies(spec = process.env.TRUSTED_PROXIES): BlockList {
  const entries = z
    .string()
    .default(DEFAULT_TRUSTED_PROXIES)
    .parse(spec || undefined)
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  return cidrList(entries);
}

/**
 * The address of the client behind the proxies we trust: the connection's peer, unless it is a
 * trusted proxy; then the X-Forwarded-For hops from the right, skipping trusted ones. So a client
 * cannot pick its own address for the sign-in and token limits by sending the header itself.
 */
export function clientAddressOf(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: BlockList,
): string | null {
  if (!peer) return null;
  if (!listHas(trusted, peer)) return plainAddress(peer);
  const hops = (forwardedFor ?? "").split(",").map((h) => h.trim());
  // A hop that is no address ends what can be believed: the last trusted hop is as near as it gets.
  let nearest = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    if (!isIP(hop)) break;
    if (!listHas(trusted, hop)) return plainAddress(hop);
    nearest = hop;
  }
  return plainAddress(nearest);
}

/**
 * Rewrites the request's X-Forwarded-For to the one client address we believe (and drops
 * X-Real-IP), before Next.js sees it: every later reader (clientIp, audit rows, limits) then
 * gets that address, whatever the client sent.
 */
export function settleForwardedFor(req: IncomingMessage, trusted: BlockList): void {
  const header = req.headers["x-forwarded-for"];
  const client = clientAddressOf(req.socket.remoteAddress, Array.isArray(header) ? header.join(",") : header, trusted);
  delete req.headers["x-real-ip"];
  if (client) req.headers["x-forwarded-for"] = client;
  else delete req.headers["x-forwarded-for"];
}
