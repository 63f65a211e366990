import type { SipTransport } from "@/server/db/generated/enums";
import { el, param, type XmlNode } from "../xml";

export type GatewayView = {
  name: string;
  proxyHost: string;
  proxyPort: number;
  transport: SipTransport;
  realm: string | null;
  username: string | null;
  /** Clear password (unsealed by the loader). */
  password: string | null;
  register: boolean;
  expireSeconds: number;
  callerIdInFrom: boolean;
  pingSeconds: number;
};

/** One sofia `<gateway>`; shared by sofia.conf and the directory's `purpose=gateways` answer. */
export function gatewayElement(g: GatewayView): XmlNode {
  const proxy = `${g.proxyHost}:${g.proxyPort}`;
  return el("gateway", { name: g.name }, [
    // FreeSWITCH insists on a username even for IP-authenticated trunks.
    param("username", g.username ?? "switchboard"),
    g.password !== null && param("password", g.password),
    param("realm", g.realm ?? g.proxyHost),
    param("proxy", proxy),
    param("register-proxy", proxy),
    param("register", g.register),
    param("register-transport", g.transport.toLowerCase()),
    param("expire-seconds", g.expireSeconds),
    param("caller-id-in-from", g.callerIdInFrom),
    g.pingSeconds > 0 && param("ping", g.pingSeconds),
    param("retry-seconds", 30),
  ]);
}
