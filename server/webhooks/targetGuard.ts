import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * SSRF guard. Webhook URLs are chosen by tenants, so the worker must not be turned into a
 * client for the platform's own network: loopback, private, link-local (cloud metadata),
 * CGNAT, multicast and reserved ranges are refused unless the platform allows them
 * (WEBHOOK_ALLOW_PRIVATE_TARGETS, for local receivers and tests). Checked on the addresses
 * the name resolves to at delivery time, and the connection goes to the address checked,
 * so a name re-pointed after registration (DNS rebinding) gains nothing.
 */
const forbidden = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  forbidden.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  forbidden.addSubnet(net, prefix, "ipv6");

/** Whether a literal IP address is one webhooks may not reach (IPv4-mapped IPv6 counts as its IPv4). */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return forbidden.check(address, family === 4 ? "ipv4" : "ipv6");
}

export class ForbiddenTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ForbiddenTargetError";
  }
}

export type ResolvedAddress = { address: string; family: number };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** URL hosts come bracketed for IPv6 ("[::1]"). */
const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/**
 * What a URL may be at registration (no DNS: a name may legitimately resolve later):
 * HTTPS, or HTTP only when private targets are allowed; no private IP literal or "localhost".
 * Returns the problem, or null.
 */
export function targetUrlProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Not a URL";
  }
  if (url.username || url.password) return "Credentials in the URL are not allowed; the signature authenticates us";
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) return "Use an https:// URL";
  if (allowPrivate) return null;
  const host = bareHost(url).toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return "Loopback targets are not allowed";
  if (isIP(host) !== 0 && isForbiddenAddress(host)) return "Private, loopback and link-local addresses are not allowed";
  return null;
}

/**
 * The address to connect to for `url`, checked now: every address the name resolves to must be
 * public (one private answer refuses the lot), unless private targets are allowed.
 */
export async function resolveTarget(
  url: URL,
  options: { allowPrivate: boolean; resolve?: Resolver },
): Promise<ResolvedAddress> {
  const problem = targetUrlProblem(url.toString(), options.allowPrivate);
  if (problem) throw new ForbiddenTargetError(problem);
  const host = bareHost(url);
  const family = isIP(host);
  const addresses = family !== 0 ? [{ address: host, family }] : await (options.resolve ?? systemResolver)(host);
  if (addresses.length === 0) throw new ForbiddenTargetError(`${host} does not resolve`);
  if (!options.allowPrivate) {
    const bad = addresses.find((a) => isForbiddenAddress(a.address));
    if (bad) throw new ForbiddenTargetError(`${host} resolves to ${bad.address}, a private or loopback address`);
  }
  return addresses[0]!;
}
