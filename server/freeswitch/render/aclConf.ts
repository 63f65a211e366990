import { el, freeswitchDocument } from "../xml";

export type AclView = {
  /** Trunk and SIP proxy addresses, as CIDRs (hostnames are resolved by the loader or left out). */
  trunkCidrs: string[];
  proxyCidrs: string[];
  /** Domains with users that carry a `cidr`: FreeSWITCH asks for their network lists. */
  domainsWithCidrUsers: string[];
};

const list = (name: string, allow: { cidr?: string; domain?: string }[]) =>
  el(
    "list",
    { name, default: "deny" },
    allow.map((a) => el("node", { type: "allow", ...a })),
  );

/**
 * acl.conf: `trunks` (who may send calls to the external profile: carriers, and the
 * Kamailio proxies relaying them), `proxies` (trusted for X-AUTH-IP on the internal
 * profile), `domains` (users' cidr network lists).
 */
export function renderAclConf(v: AclView): string {
  return freeswitchDocument("configuration", [
    el("configuration", { name: "acl.conf", description: "Network Lists" }, [
      el("network-lists", {}, [
        list(
          "trunks",
          [...v.trunkCidrs, ...v.proxyCidrs].map((cidr) => ({ cidr })),
        ),
        list(
          "proxies",
          v.proxyCidrs.map((cidr) => ({ cidr })),
        ),
        list(
          "domains",
          v.domainsWithCidrUsers.map((domain) => ({ domain })),
        ),
      ]),
    ]),
  ]);
}
