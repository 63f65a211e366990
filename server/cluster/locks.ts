import type { DbTx } from "@/server/db/client";

/**
 * Transaction-scoped advisory locks (released on commit/rollback, or when a crashed
 * process's connection drops), keyed by name so every process agrees on the key.
 */
export async function lockFor(tx: DbTx, name: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${name}))`;
}

/** Serialises revision numbering with commit order (see recordClusterChange). */
export const REVISION_LOCK = "switchboard:cluster-revision";
/** One writer of the kamailio.* tables at a time. */
export const KAMAILIO_TABLES_LOCK = "switchboard:kamailio-tables";
/** One push into a given proxy at a time, whichever worker process runs it. */
export const proxyLock = (proxyId: string) => `switchboard:kamailio-proxy:${proxyId}`;
/** One ESL session per node and revision order. */
export const nodeLock = (nodeId: string) => `switchboard:freeswitch-node:${nodeId}`;
