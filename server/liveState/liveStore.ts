import type { Db, DbTx } from "@/server/db/client";
import { liveWebhookEvents } from "@/server/webhooks/liveEvents";
import { recordWebhookEvents } from "@/server/webhooks/recordWebhookEvent";
import type { ChannelRow, Heartbeat, LiveChange, RegistrationRow } from "./liveChanges";

/** What a node's event connection hands to the store, in arrival order. */
export type LiveOp =
  | { kind: "change"; change: LiveChange }
  | { kind: "registrations-snapshot"; rows: RegistrationRow[] }
  | { kind: "channels-snapshot"; rows: ChannelRow[] };

type Removal = { realm: string; user: string; contact: string; callId: string };

/** The net effect of a batch: later ops win, a snapshot supersedes the changes before it. */
export type NetChanges = {
  registrationSnapshot: RegistrationRow[] | null;
  registrationUpserts: Map<string, RegistrationRow>;
  registrationRemovals: Removal[];
  channelSnapshot: ChannelRow[] | null;
  channelUpserts: Map<string, ChannelRow>;
  channelRemovals: Set<string>;
  heartbeat: Heartbeat | null;
  heartbeats: number;
};

const bindingKey = (r: { realm: string; user: string; contact: string }) =>
  `${r.realm}\u0000${r.user}\u0000${r.contact}`;

export function netChangesOf(ops: LiveOp[]): NetChanges {
  const net: NetChanges = {
    registrationSnapshot: null,
    registrationUpserts: new Map(),
    registrationRemovals: [],
    channelSnapshot: null,
    channelUpserts: new Map(),
    channelRemovals: new Set(),
    heartbeat: null,
    heartbeats: 0,
  };
  for (const op of ops) {
    if (op.kind === "registrations-snapshot") {
      net.registrationSnapshot = op.rows;
      net.registrationUpserts.clear();
      net.registrationRemovals = [];
      continue;
    }
    if (op.kind === "channels-snapshot") {
      net.channelSnapshot = op.rows;
      net.channelUpserts.clear();
      net.channelRemovals.clear();
      continue;
    }
    const c = op.change;
    switch (c.kind) {
      case "register": {
        const key = bindingKey(c.registration);
        net.registrationUpserts.set(key, c.registration);
        net.registrationRemovals = net.registrationRemovals.filter((r) => bindingKey(r) !== key);
        break;
      }
      case "unregister":
        net.registrationUpserts.delete(bindingKey(c));
        net.registrationRemovals.push({ realm: c.realm, user: c.user, contact: c.contact, callId: c.callId });
        break;
      case "channel": {
        const before = net.channelUpserts.get(c.channel.uuid);
        net.channelUpserts.set(c.channel.uuid, {
          ...c.channel,
          answeredAt: c.channel.answeredAt ?? before?.answeredAt ?? null,
          domainCandidates: c.channel.domainCandidates.length
            ? c.channel.domainCandidates
            : (before?.domainCandidates ?? []),
        });
        net.channelRemovals.delete(c.channel.uuid);
        break;
      }
      case "hangup":
        net.channelUpserts.delete(c.uuid);
        net.channelRemovals.add(c.uuid);
        break;
      case "heartbeat":
        net.heartbeat = c.heartbeat;
        net.heartbeats += 1;
        break;
    }
  }
  return net;
}

async function domainIds(tx: DbTx, names: string[]): Promise<Map<string, string>> {
  if (!names.length) return new Map();
  const rows = await tx.domain.findMany({ where: { name: { in: names } }, select: { id: true, name: true } });
  return new Map(rows.map((d) => [d.name, d.id]));
}

const REGISTRATION_COLUMNS = `node_id, domain_id, "user", realm, contact, call_id, user_agent, network_ip, network_port, profile, expires_at, updated_at`;
const REGISTRATION_RECORD = `r("domainId" text, "user" text, realm text, contact text, "callId" text, "userAgent" text,
  "networkIp" text, "networkPort" int, profile text, "expiresAt" timestamp(3))`;
const REGISTRATION_SELECT = `$1, r."domainId", r."user", r.realm, r.contact, r."callId", r."userAgent", r."networkIp",
  r."networkPort", r.profile, r."expiresAt", now()`;

async function insertRegistrations(tx: DbTx, nodeId: string, rows: RegistrationRow[], ids: Map<string, string>) {
  if (!rows.length) return;
  const json = JSON.stringify(rows.map((r) => ({ ...r, domainId: ids.get(r.realm) ?? null })));
  await tx.$executeRawUnsafe(
    `INSERT INTO registration (${REGISTRATION_COLUMNS})
     SELECT ${REGISTRATION_SELECT} FROM jsonb_to_recordset($2::jsonb) AS ${REGISTRATION_RECORD}
     ON CONFLICT (node_id, realm, "user", contact) DO UPDATE SET
       domain_id = EXCLUDED.domain_id, call_id = EXCLUDED.call_id, user_agent = EXCLUDED.user_agent,
       network_ip = EXCLUDED.network_ip, network_port = EXCLUDED.network_port, profile = EXCLUDED.profile,
       expires_at = EXCLUDED.expires_at, updated_at = EXCLUDED.updated_at`,
    nodeId,
    json,
  );
}

async function removeRegistrations(tx: DbTx, nodeId: string, removals: Removal[]) {
  if (!removals.length) return;
  // A binding is the same phone if the contact matches, or (re-registered from a new port) the Call-ID does.
  await tx.$executeRawUnsafe(
    `DELETE FROM registration g USING jsonb_to_recordset($2::jsonb) AS x(realm text, "user" text, contact text, "callId" text)
     WHERE g.node_id = $1 AND g.realm = x.realm AND g."user" = x."user"
       AND (g.contact = x.contact OR (x."callId" <> '' AND g.call_id = x."callId"))`,
    nodeId,
    JSON.stringify(removals),
  );
}

async function upsertChannels(tx: DbTx, nodeId: string, rows: ChannelRow[], ids: Map<string, string>) {
  if (!rows.length) return;
  const json = JSON.stringify(
    rows.map(({ domainCandidates, ...r }) => ({
      ...r,
      domainId: domainCandidates.map((n) => ids.get(n)).find((id) => id !== undefined) ?? null,
    })),
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO live_channel (uuid, node_id, domain_id, call_uuid, direction, caller_number, caller_name,
       destination_number, state, created_at, answered_at, updated_at)
     SELECT r.uuid, $1, r."domainId", r."callUuid", r.direction, r."callerNumber", r."callerName",
       r."destinationNumber", r.state, r."createdAt", r."answeredAt", now()
     FROM jsonb_to_recordset($2::jsonb) AS r(uuid text, "domainId" text, "callUuid" text, direction text,
       "callerNumber" text, "callerName" text, "destinationNumber" text, state text,
       "createdAt" timestamp(3), "answeredAt" timestamp(3))
     ON CONFLICT (uuid) DO UPDATE SET
       node_id = EXCLUDED.node_id, domain_id = COALESCE(EXCLUDED.domain_id, live_channel.domain_id),
       call_uuid = EXCLUDED.call_uuid, caller_number = EXCLUDED.caller_number, caller_name = EXCLUDED.caller_name,
       destination_number = EXCLUDED.destination_number, state = EXCLUDED.state,
       answered_at = COALESCE(EXCLUDED.answered_at, live_channel.answered_at), updated_at = EXCLUDED.updated_at`,
    nodeId,
    json,
  );
  // A leg without a domain of its own (a gateway b-leg) belongs to the tenant of its call.
  await tx.$executeRawUnsafe(
    `UPDATE live_channel c SET domain_id = a.domain_id FROM live_channel a
     WHERE c.node_id = $1 AND c.domain_id IS NULL AND a.call_uuid = c.call_uuid AND a.domain_id IS NOT NULL`,
    nodeId,
  );
}

async function activeCallsOf(tx: DbTx, nodeId: string): Promise<number> {
  const [{ calls } = { calls: 0n }] = await tx.$queryRawUnsafe<{ calls: bigint }[]>(
    `SELECT count(DISTINCT call_uuid) AS calls FROM live_channel WHERE node_id = $1`,
    nodeId,
  );
  return Number(calls);
}

async function recordHeartbeat(tx: DbTx, nodeId: string, heartbeat: Heartbeat, activeCalls: number) {
  const now = new Date();
  await tx.telephonyNode.update({
    where: { id: nodeId },
    data: {
      health: "UP",
      lastHeartbeatAt: now,
      lastSeenAt: now,
      activeCalls,
      uptimeSec: heartbeat.uptimeSec,
      sessionCount: heartbeat.sessionCount,
      cpuIdle: heartbeat.cpuIdle,
    },
  });
  await tx.nodeLoadSample.create({
    data: { nodeId, sampledAt: now, activeCalls, sessionCount: heartbeat.sessionCount, cpuIdle: heartbeat.cpuIdle },
  });
}

// Many nodes' streams share the process's pool: wait for a connection rather than fail
// (meanwhile the node's next batch just grows).
const BATCH_TRANSACTION = { maxWait: 30_000, timeout: 60_000 };

/** Applies one batch of a node's ops in one transaction. */
export async function applyLiveOps(db: Db, nodeId: string, ops: LiveOp[]): Promise<NetChanges> {
  const net = netChangesOf(ops);
  // One row per key: ON CONFLICT cannot update the same row twice in one statement.
  const registrations = [
    ...new Map(
      [...(net.registrationSnapshot ?? []), ...net.registrationUpserts.values()].map((r) => [bindingKey(r), r]),
    ).values(),
  ];
  const channels = [
    ...new Map([...(net.channelSnapshot ?? []), ...net.channelUpserts.values()].map((c) => [c.uuid, c])).values(),
  ];
  await db.$transaction(async (tx) => {
    // A node deleted meanwhile took its live rows with it: drop its last batch. The share lock
    // makes a deletion that comes later wait for this transaction instead of racing it.
    const node = await tx.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "TelephonyNode" WHERE id = $1 FOR SHARE`, nodeId);
    if (node.length === 0) return;
    const ids = await domainIds(tx, [
      ...new Set([...registrations.map((r) => r.realm), ...channels.flatMap((c) => c.domainCandidates)]),
    ]);
    // Read against the tables as they were before this batch.
    await recordWebhookEvents(tx, await liveWebhookEvents(tx, ops));
    if (net.registrationSnapshot) await tx.registration.deleteMany({ where: { nodeId } });
    await removeRegistrations(tx, nodeId, net.registrationRemovals);
    await insertRegistrations(tx, nodeId, registrations, ids);
    if (net.channelSnapshot) await tx.liveChannel.deleteMany({ where: { nodeId } });
    if (net.channelRemovals.size) {
      await tx.liveChannel.deleteMany({ where: { nodeId, uuid: { in: [...net.channelRemovals] } } });
    }
    await upsertChannels(tx, nodeId, channels, ids);
    const channelsChanged = net.channelSnapshot !== null || channels.length > 0 || net.channelRemovals.size > 0;
    if (!channelsChanged && !net.heartbeat) return;
    // The node's call count follows its channels at once (a draining node is seen emptying).
    const activeCalls = await activeCallsOf(tx, nodeId);
    if (net.heartbeat) await recordHeartbeat(tx, nodeId, net.heartbeat, activeCalls);
    else await tx.telephonyNode.update({ where: { id: nodeId }, data: { activeCalls } });
  }, BATCH_TRANSACTION);
  return net;
}
