import { lookup } from "node:dns/promises";
import { ZodRealError, type ZodError } from "zod";
import { isIpv4, isIpv6 } from "./nodeAddress";

/**
 * Host names given for a node must resolve now: Kamailio and the worker would otherwise
 * fail later with nothing to show for it. IP literals are taken as they are. Throws a
 * ZodError naming the field, so forms, tRPC and REST show it next to that field.
 */
export async function resolveNodeHosts(hosts: { sipAddress?: string; eslHost?: string }): Promise<void> {
  const issues: ZodError["issues"] = [];
  for (const [field, host] of Object.entries(hosts)) {
    if (host === undefined || isIpv4(host) || isIpv6(host)) continue;
    try {
      await lookup(host);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? "lookup failed";
      issues.push({
        code: "custom",
        path: [field],
        message: `${host} does not resolve (${code}); enter an IP address or a resolvable host name`,
        input: host,
      });
    }
  }
  // ZodRealError: the ZodError that is also an Error, so tRPC keeps it as the cause.
  if (issues.length > 0) throw new ZodRealError(issues);
}
