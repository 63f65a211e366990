import type { ClusterEvent } from "../events";

export type FreeswitchEvent = Exclude<ClusterEvent, { topic: "kamailio.sync" }>;

// Names go into a one-line ESL command: allow only what SIP users, domains and gateway names use.
const SAFE = /^[A-Za-z0-9_.@+-]{1,253}$/;

function safe(value: string): string {
  if (!SAFE.test(value)) throw new Error(`unsafe name in ESL command: ${JSON.stringify(value)}`);
  return value;
}

export type NodeCommand = {
  command: string;
  /** killgw of a gateway the node never loaded is not a failure. */ mayFail: boolean;
};

/** The ESL `api` commands that make a node pick up the change. */
export function nodeCommandsFor(event: FreeswitchEvent): NodeCommand[] {
  switch (event.topic) {
    case "freeswitch.flush-user":
      return event.users.map((u) => ({
        command: `xml_flush_cache id ${safe(u)} ${safe(event.domain)}`,
        mayFail: false,
      }));
    case "freeswitch.trunk-changed": {
      const gateways = [...new Set([event.previousGateway, event.gateway].filter((g): g is string => !!g))];
      return [
        ...gateways.map((g) => ({ command: `sofia profile external killgw ${safe(g)}`, mayFail: true })),
        { command: "sofia profile external rescan", mayFail: false },
      ];
    }
    case "freeswitch.acl-changed":
      return [{ command: "reloadacl", mayFail: false }];
    case "freeswitch.queue-changed": {
      const queue = safe(event.queue);
      // Unloading a queue the node never loaded is not a failure; nor is dropping a tier it never had.
      if (event.deleted) return [{ command: `callcenter_config queue unload ${queue}`, mayFail: true }];
      return [
        { command: `callcenter_config queue reload ${queue}`, mayFail: false },
        ...event.removedAgents.map((a) => ({
          command: `callcenter_config tier del ${queue} ${safe(a)}`,
          mayFail: true,
        })),
      ];
    }
    case "freeswitch.agent-status":
      // An agent the node has not loaded yet takes its status from callcenter.conf when its queue loads.
      return [{ command: `callcenter_config agent set status ${safe(event.agent)} '${event.status}'`, mayFail: true }];
  }
}
