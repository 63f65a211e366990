import { z } from "zod";

// What a node's SIP/ESL address may be: an IP literal or a host name. Browser-safe (the
// node forms validate with it); resolving names happens in the service (resolveNodeHosts).

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

export function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

export function isIpv6(value: string): boolean {
  return z.ipv6().safeParse(value).success;
}

/**
 * RFC 1123 host name (labels of letters, digits, hyphens; at most 253 characters) whose
 * last label is not all digits, so "999.999.999.999" is neither an address nor a name.
 */
export function isHostName(value: string): boolean {
  if (value.length > 253) return false;
  const labels = value.split(".");
  return labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1]!);
}

export const NodeHost = z
  .string()
  .trim()
  .min(1, "Required")
  .max(253)
  .refine(
    (v) => isIpv4(v) || isIpv6(v) || isHostName(v),
    "Enter an IPv4 or IPv6 address or a host name, e.g. 10.0.0.5, 2001:db8::5 or fs1.example.net",
  );

export const NodePort = z.coerce
  .number({ error: "Enter a port number" })
  .int("Enter a whole number")
  .min(1, "Ports are 1–65535")
  .max(65535, "Ports are 1–65535");

/** Trunk traffic gets its own port: the node's own, or FreeSWITCH's convention (5060 → 5080). */
export function externalSipPort(node: { sipPort: number; externalSipPort: number | null }): number {
  return node.externalSipPort ?? node.sipPort + 20;
}
