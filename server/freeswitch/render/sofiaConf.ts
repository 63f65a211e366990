import { el, freeswitchDocument, param } from "../xml";
import { externalSipPort } from "@/server/cluster/nodeAddress";
import { gatewayElement, type GatewayView } from "./gateway";

export type SofiaNodeView = {
  hostname: string;
  sipAddress: string;
  sipPort: number;
  /** The external (trunk) profile's port; null = sipPort + 20. */
  externalSipPort: number | null;
  /** The trunks this node carries: platform trunks and those of the domains it serves. */
  gateways: GatewayView[];
};

function commonParams(node: SofiaNodeView, port: number) {
  return [
    param("sip-ip", node.sipAddress),
    param("rtp-ip", node.sipAddress),
    param("ext-sip-ip", node.sipAddress),
    param("ext-rtp-ip", node.sipAddress),
    param("sip-port", port),
    param("dialplan", "XML"),
    param("user-agent-string", "Switchboard"),
    param("dtmf-type", "rfc2833"),
    param("inbound-codec-prefs", "OPUS,G722,PCMU,PCMA"),
    param("outbound-codec-prefs", "OPUS,G722,PCMU,PCMA"),
    // Media timeouts are channel variables now, set by every dialplan answer (render/dialplan.ts).
    param("log-auth-failures", true),
    param("debug", 0),
    param("sip-trace", "no"),
  ];
}

/**
 * sofia.conf for one node. `internal` serves the tenants' phones (digest auth, each call
 * lands in the user's own context); `external` carries the trunks and accepts calls only
 * from trunk and proxy addresses, into `public`. Domains are aliased but not parsed, so
 * gateways are defined once, here.
 */
export function renderSofiaConf(node: SofiaNodeView): string {
  const internal = el("profile", { name: "internal" }, [
    el("aliases", {}, []),
    el("gateways", {}, []),
    el("domains", {}, [el("domain", { name: "all", alias: "true", parse: "false" })]),
    el("settings", {}, [
      ...commonParams(node, node.sipPort),
      param("context", "public"),
      param("auth-calls", true),
      // Phones are digest-authenticated; only users with a `cidr` are let in by address,
      // and behind Kamailio their real address comes in X-AUTH-IP from a trusted proxy.
      param("apply-inbound-acl", "domains"),
      param("apply-proxy-acl", "proxies"),
      param("challenge-realm", "auto_from"),
      param("accept-blind-reg", false),
      param("accept-blind-auth", false),
      param("inbound-reg-force-matching-username", true),
      param("nonce-ttl", 60),
      param("manage-presence", true),
    ]),
  ]);
  const external = el("profile", { name: "external" }, [
    el("aliases", {}, []),
    el("gateways", {}, node.gateways.map(gatewayElement)),
    el("domains", {}, []),
    el("settings", {}, [
      ...commonParams(node, externalSipPort(node)),
      param("context", "public"),
      param("auth-calls", false),
      param("apply-inbound-acl", "trunks"),
      param("manage-presence", false),
    ]),
  ]);
  return freeswitchDocument("configuration", [
    el("configuration", { name: "sofia.conf", description: `sofia for ${node.hostname}` }, [
      el("global_settings", {}, [param("log-level", 0), param("auto-restart", false), param("debug-presence", 0)]),
      el("profiles", {}, [internal, external]),
    ]),
  ]);
}
