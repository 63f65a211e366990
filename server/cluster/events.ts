import { z } from "zod";

const Name = z.string().min(1).max(253);

/**
 * Side effects of a committed change, carried by the outbox to the push workers. The
 * relay parses every row with this schema (rows cross a process boundary). Topics are
 * stable strings: old rows must stay readable by newer workers.
 */
export const clusterEventSchema = z.discriminatedUnion("topic", [
  /** The Kamailio desired state (dispatcher sets, domain→set map, node states) changed. */
  z.object({ topic: z.literal("kamailio.sync") }),
  /** Directory users changed: flush them from FreeSWITCH's cache on the nodes serving the domain. */
  z.object({ topic: z.literal("freeswitch.flush-user"), domain: Name, users: z.array(Name) }),
  /** A trunk was created, changed or removed: killgw + rescan on every node. */
  z.object({ topic: z.literal("freeswitch.trunk-changed"), gateway: Name, previousGateway: Name.optional() }),
  /** ACL inputs (trunk addresses, SIP proxies) changed: reloadacl on every node. */
  z.object({ topic: z.literal("freeswitch.acl-changed") }),
  /**
   * A call queue was created, changed or deleted: reload (or unload) it on the nodes serving
   * the domain; `removedAgents` lost their tier (a reload adds tiers but never drops one).
   */
  z.object({
    topic: z.literal("freeswitch.queue-changed"),
    domain: Name,
    queue: Name,
    removedAgents: z.array(Name),
    deleted: z.boolean(),
  }),
  /** An agent logged in or out (*22, My phone, the portal): set its status on the nodes serving the domain. */
  z.object({
    topic: z.literal("freeswitch.agent-status"),
    domain: Name,
    agent: Name,
    status: z.enum(["Available", "On Break", "Logged Out"]),
  }),
]);

export type ClusterEvent = z.infer<typeof clusterEventSchema>;
export type ClusterTopic = ClusterEvent["topic"];

/** Outbox topics the cluster relay moves into its queue (other topics belong to other consumers). */
export const CLUSTER_TOPICS: readonly ClusterTopic[] = clusterEventSchema.options.map((o) => o.shape.topic.value);
