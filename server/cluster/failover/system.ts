import type { Actor } from "@/server/tenancy/context";

/** The audit actor of every change the failover engine makes on its own. */
export const SYSTEM_FAILOVER: Actor = { userId: null, tokenId: null, label: "system:failover", ip: null };

/** Serialises failover moves and restores across worker processes and the portal. */
export const FAILOVER_LOCK = "switchboard:failover";

/** Outbox topics for webhook/event consumers (the cluster relay leaves them to those). */
export const DOMAIN_MOVED_TOPIC = "failover.domain-moved";
export const DOMAIN_RESTORED_TOPIC = "failover.domain-restored";
