/**
 * Side effects of a committed change, carried by the outbox to the push workers.
 * Topics are stable strings: old rows must stay readable by newer workers.
 */
export type ClusterEvent =
  /** The Kamailio desired state (dispatcher sets, domain→set map, node states) changed. */
  | { topic: "kamailio.sync" }
  /** Directory users changed: flush them from FreeSWITCH's cache on the nodes serving the domain. */
  | { topic: "freeswitch.flush-user"; domain: string; users: string[] }
  /** A trunk was created, changed or removed: killgw + rescan on every node. */
  | { topic: "freeswitch.trunk-changed"; gateway: string; previousGateway?: string }
  /** ACL inputs (trunk addresses, SIP proxies) changed: reloadacl on every node. */
  | { topic: "freeswitch.acl-changed" };

export type ClusterTopic = ClusterEvent["topic"];
