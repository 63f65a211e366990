import { el, freeswitchDocument, param, variable, type XmlNode } from "../xml";

/** How `user/NUM@DOMAIN` reaches a registered phone (FreeSWITCH's stock dial-string). */
export const USER_DIAL_STRING =
  "{^^:sip_invite_domain=${dialed_domain}:presence_id=${dialed_user}@${dialed_domain}}${sofia_contact(*/${dialed_user}@${dialed_domain})}";

/** A directory `<domain>` whose users (if any) sit in the default group. */
export function domainElement(domain: string, users: XmlNode[], extra: XmlNode[] = []): XmlNode {
  return el("domain", { name: domain }, [
    el("params", {}, [param("dial-string", USER_DIAL_STRING)]),
    el("variables", {}, [variable("user_context", domain)]),
    ...extra,
    el("groups", {}, [el("group", { name: "default" }, [el("users", {}, users)])]),
  ]);
}

/** The answer to `xml_locate directory domain name X`: the domain without its users. */
export function renderDirectoryDomain(domain: string): string {
  return freeswitchDocument("directory", [domainElement(domain, [])]);
}
