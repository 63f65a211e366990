import type { DbTx } from "@/server/db/client";
import type { LiveOp } from "@/server/liveState/liveStore";
import type { WebhookEventType } from "./eventTypes";

type LiveEventType = Extract<WebhookEventType, `call.${string}` | `phone.${string}`>;
const LIVE_EVENT_TYPES: LiveEventType[] = [
  "call.started",
  "call.answered",
  "call.ended",
  "phone.registered",
  "phone.unregistered",
];

export type LiveWebhookEvent = { type: LiveEventType; domainId: string | null; data: Record<string, unknown> };

type KnownCall = { callUuid: string; domainId: string | null; answered: boolean; data: Record<string, unknown> };

const bindingKey = (r: { realm: string; user: string; contact: string }) =>
  `${r.realm}\u0000${r.user}\u0000${r.contact}`;

/**
 * The call and phone webhook events a batch of a node's live ops means, read against the live
 * tables before the batch is applied (call it first in the batch's transaction). Calls are
 * their a-legs: started on the first sight of one, answered once, ended at its hang-up. A phone
 * is registered when its binding is new (refreshes are not events) and unregistered on
 * sofia::unregister/expire. Snapshots after a reconnect rebuild state and are not events. Costs
 * one small query per batch when no enabled endpoint subscribes to these events.
 */
export async function liveWebhookEvents(tx: DbTx, ops: LiveOp[]): Promise<LiveWebhookEvent[]> {
  const changes = ops.flatMap((op) => (op.kind === "change" && op.change.kind !== "heartbeat" ? [op.change] : []));
  if (changes.length === 0) return [];
  const [subscribed] = await tx.$queryRaw<{ types: string[] | null }[]>`
    SELECT array_agg(DISTINCT t) AS types FROM webhook_endpoint, unnest(events) AS t
    WHERE enabled AND t = ANY(${LIVE_EVENT_TYPES}::text[])`;
  const wanted = new Set(subscribed?.types ?? []);
  if (wanted.size === 0) return [];

  const names = new Set<string>();
  const uuids = new Set<string>();
  for (const c of changes) {
    if (c.kind === "register") names.add(c.registration.realm);
    else if (c.kind === "unregister") names.add(c.realm);
    else if (c.kind === "channel") {
      c.channel.domainCandidates.forEach((n) => names.add(n));
      uuids.add(c.channel.uuid);
    } else uuids.add(c.uuid);
  }
  const domains = await tx.domain.findMany({ where: { name: { in: [...names] } }, select: { id: true, name: true } });
  const domainOf = new Map(domains.map((d) => [d.name, d.id]));
  const known = new Map<string, KnownCall>();
  for (const row of await tx.liveChannel.findMany({
    where: { uuid: { in: [...uuids] } },
    select: {
      uuid: true,
      callUuid: true,
      domainId: true,
      answeredAt: true,
      direction: true,
      callerNumber: true,
      callerName: true,
      destinationNumber: true,
      createdAt: true,
    },
  })) {
    const { uuid, callUuid, domainId, answeredAt, ...data } = row;
    known.set(uuid, {
      callUuid,
      domainId,
      answered: answeredAt !== null,
      data: { callUuid, ...data, createdAt: data.createdAt.toISOString() },
    });
  }
  const registered = new Set<string>();
  const registerKeys = changes.flatMap((c) => (c.kind === "register" ? [c.registration] : []));
  if (registerKeys.length > 0 && wanted.has("phone.registered")) {
    const rows = await tx.registration.findMany({
      where: { OR: registerKeys.map((r) => ({ realm: r.realm, user: r.user, contact: r.contact })) },
      select: { realm: true, user: true, contact: true },
    });
    rows.forEach((r) => registered.add(bindingKey(r)));
  }

  const events: LiveWebhookEvent[] = [];
  const emit = (type: LiveEventType, domainId: string | null, data: Record<string, unknown>) => {
    if (wanted.has(type)) events.push({ type, domainId, data });
  };
  for (const c of changes) {
    switch (c.kind) {
      case "register": {
        const key = bindingKey(c.registration);
        if (registered.has(key)) break;
        registered.add(key);
        const { realm, user, contact, userAgent, networkIp, networkPort, expiresAt } = c.registration;
        emit("phone.registered", domainOf.get(realm) ?? null, {
          domain: realm,
          user,
          contact,
          userAgent,
          networkIp,
          networkPort,
          expiresAt: expiresAt.toISOString(),
        });
        break;
      }
      case "unregister":
        registered.delete(bindingKey(c));
        emit("phone.unregistered", domainOf.get(c.realm) ?? null, {
          domain: c.realm,
          user: c.user,
          contact: c.contact,
        });
        break;
      case "channel": {
        const ch = c.channel;
        // b-legs are part of their a-leg's call, not calls of their own.
        if (ch.uuid !== ch.callUuid) break;
        const before = known.get(ch.uuid);
        const domainId =
          before?.domainId ?? ch.domainCandidates.map((n) => domainOf.get(n)).find((id) => id !== undefined) ?? null;
        const data = {
          callUuid: ch.callUuid,
          direction: ch.direction,
          callerNumber: ch.callerNumber,
          callerName: ch.callerName,
          destinationNumber: ch.destinationNumber,
          createdAt: ch.createdAt.toISOString(),
        };
        const answered = ch.answeredAt !== null || ch.state !== "RINGING";
        if (!before) emit("call.started", domainId, data);
        if (answered && !before?.answered)
          emit("call.answered", domainId, { ...data, answeredAt: (ch.answeredAt ?? new Date()).toISOString() });
        known.set(ch.uuid, {
          callUuid: ch.callUuid,
          domainId,
          answered: answered || (before?.answered ?? false),
          data,
        });
        break;
      }
      case "hangup": {
        const call = known.get(c.uuid);
        if (!call || call.callUuid !== c.uuid) break;
        emit("call.ended", call.domainId, { ...call.data, answered: call.answered, endedAt: new Date().toISOString() });
        known.delete(c.uuid);
        break;
      }
    }
  }
  return events;
}
