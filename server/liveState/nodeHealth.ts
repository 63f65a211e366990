import type { Db } from "@/server/db/client";

export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 15_000;
const LOAD_SAMPLE_RETENTION_MS = 7 * 24 * 3600 * 1000;
/** Kept a little past their expiry, in case the node's sofia::expire is still on its way. */
const REGISTRATION_EXPIRY_GRACE_MS = 60_000;

/** UP nodes whose last heartbeat is older than the timeout become DOWN; returns how many. */
export async function markSilentNodesDown(db: Db, timeoutMs: number, now = new Date()): Promise<number> {
  const { count } = await db.telephonyNode.updateMany({
    where: {
      health: "UP",
      OR: [{ lastHeartbeatAt: null }, { lastHeartbeatAt: { lt: new Date(now.getTime() - timeoutMs) } }],
    },
    data: { health: "DOWN" },
  });
  return count;
}

export async function recordEslConnected(db: Db, nodeId: string): Promise<void> {
  await db.telephonyNode.update({ where: { id: nodeId }, data: { eslConnectedAt: new Date(), eslLastError: null } });
}

export async function recordEslDisconnected(db: Db, nodeId: string, error: string): Promise<void> {
  await db.telephonyNode.updateMany({
    where: { id: nodeId },
    data: { eslDisconnectedAt: new Date(), eslLastError: error.slice(0, 500) },
  });
}

/** Housekeeping of the live tables: old load samples, registrations whose expiry event was lost. */
export async function pruneLiveState(db: Db, now = new Date()): Promise<{ samples: number; registrations: number }> {
  const samples = await db.nodeLoadSample.deleteMany({
    where: { sampledAt: { lt: new Date(now.getTime() - LOAD_SAMPLE_RETENTION_MS) } },
  });
  const registrations = await db.registration.deleteMany({
    where: { expiresAt: { lt: new Date(now.getTime() - REGISTRATION_EXPIRY_GRACE_MS) } },
  });
  return { samples: samples.count, registrations: registrations.count };
}
