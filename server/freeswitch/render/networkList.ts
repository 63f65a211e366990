import { el, freeswitchDocument } from "../xml";
import { domainElement } from "./directoryDomain";

/**
 * `purpose=network-list`: FreeSWITCH builds an ACL from each user's `cidr` attribute
 * (triggered by `<node domain="X"/>` in acl.conf).
 */
export function renderNetworkList(domain: string, users: { number: string; cidr: string }[]): string {
  return freeswitchDocument("directory", [
    domainElement(
      domain,
      users.map((u) => el("user", { id: u.number, cidr: u.cidr })),
    ),
  ]);
}
