import type { DbTx } from "@/server/db/client";
import type { CallData, CallIdentity, DialRoute, InboundData } from "@/server/dialplan/callData";
import { parseLimitTrip, type OutboundLimits } from "@/server/dialplan/callLimits";
import { didCandidates } from "@/server/dialplan/didCandidates";
import { parseFeatureCode } from "@/server/dialplan/featureCodes";
import type { DomainGate } from "./loadDomainGate";
import { dialExtensionOf, dialExtensionSelect } from "./dialExtensionOf";
import { loadExtensionRows } from "./loadExtensionRows";
import { loadPickupParking } from "./pickupParkingRows";
import { timeRulesOf } from "@/server/timeConditions/timeRules";

/** The extension a dialled number is about: itself, or the one a feature code names (*99N, **N). */
function localNumberOf(feature: ReturnType<typeof parseFeatureCode> | { code: "limit-trip" } | null, dialed: string) {
  if (!feature) return dialed;
  if (feature.code === "voicemail-deposit") return feature.box;
  if (feature.code === "pickup-directed") return feature.extension;
  if (feature.code === "business-hours-toggle") return feature.number;
  return undefined;
}

/** Who the call acts as: our own forward marker first, then the phone's digest identity. */
export type IdentityClaim = { routeAs?: string; authenticatedUser?: string };

/** The extension number the call acts as, if any (a DID-routed call has none). */
export function callerNumberOf(claim: IdentityClaim): string | undefined {
  return claim.routeAs === "did" ? undefined : (claim.routeAs ?? claim.authenticatedUser);
}

/** Domain routes first, then platform routes, each by priority, with their enabled trunks in order: one statement. */
async function loadRoutes(db: DbTx, domainId: string): Promise<DialRoute[]> {
  return db.$queryRaw<DialRoute[]>`
    SELECT r.name, r.pattern, r."stripDigits", r.prepend, r."callerIdNumber",
           COALESCE(array_agg(t.name ORDER BY rt.position) FILTER (WHERE t.enabled), '{}') AS gateways
    FROM "OutboundRoute" r
    LEFT JOIN "OutboundRouteTrunk" rt ON rt."routeId" = r.id
    LEFT JOIN "Trunk" t ON t.id = rt."trunkId"
    WHERE r.enabled AND (r."domainId" = ${domainId} OR r."domainId" IS NULL)
    GROUP BY r.id
    ORDER BY (r."domainId" IS NULL), r.priority, r.name`;
}

/** Ring group, IVR menu, conference room, business hours or call queue by number: only asked when no extension has the number. */
async function loadGroupOrMenu(db: DbTx, domainId: string, number: string): Promise<CallData["local"]> {
  // Numbers are unique across extensions, ring groups, menus and rooms of a domain: one probe finds which.
  // A plan without conference rooms (limit 0) switches its rooms off.
  const [hit] = await db.$queryRaw<
    { kind: "ring-group" | "ivr" | "conference" | "time-condition" | "queue"; id: string; name: string }[]
  >`
    SELECT 'ring-group' AS kind, id, name FROM "RingGroup" WHERE "domainId" = ${domainId} AND number = ${number}
    UNION ALL
    SELECT 'ivr' AS kind, id, name FROM "IvrMenu" WHERE "domainId" = ${domainId} AND number = ${number}
    UNION ALL
    SELECT 'conference' AS kind, c.id, c.name FROM "ConferenceRoom" c JOIN "Domain" d ON d.id = c."domainId"
    WHERE c."domainId" = ${domainId} AND c.number = ${number} AND d."maxConferenceRooms" > 0
    UNION ALL
    SELECT 'time-condition' AS kind, id, name FROM "TimeCondition" WHERE "domainId" = ${domainId} AND number = ${number}
    UNION ALL
    SELECT 'queue' AS kind, q.id, q.name FROM "CallQueue" q JOIN "Domain" d ON d.id = q."domainId"
    WHERE q."domainId" = ${domainId} AND q.number = ${number} AND d."maxQueues" > 0
    LIMIT 1`;
  if (!hit) return null;
  if (hit.kind === "ivr") return { kind: "ivr", menu: { number, name: hit.name } };
  if (hit.kind === "conference") return { kind: "conference", room: { number, name: hit.name } };
  if (hit.kind === "queue") {
    const q = await db.callQueue.findUniqueOrThrow({
      where: { id: hit.id },
      include: {
        agents: {
          where: { extension: { enabled: true } },
          orderBy: [{ level: "asc" }, { position: "asc" }],
          select: { extension: { select: { number: true, agentStatus: true } } },
        },
      },
    });
    return {
      kind: "queue",
      queue: {
        number,
        name: q.name,
        strategy: q.strategy,
        maxWaitSeconds: q.maxWaitSeconds,
        fallbackType: q.fallbackType,
        fallbackTarget: q.fallbackTarget,
        agents: q.agents.map((a) => ({ number: a.extension.number, status: a.extension.agentStatus })),
      },
    };
  }
  if (hit.kind === "time-condition") {
    const row = await db.timeCondition.findUniqueOrThrow({ where: { id: hit.id } });
    return {
      kind: "time-condition",
      condition: {
        number,
        name: row.name,
        rules: timeRulesOf(row),
        open: { type: row.openType, target: row.openTarget },
        closed: { type: row.closedType, target: row.closedTarget },
      },
    };
  }
  const group = await db.ringGroup.findUniqueOrThrow({
    where: { id: hit.id },
    include: { members: { orderBy: { position: "asc" }, select: { extension: { select: dialExtensionSelect } } } },
  });
  return {
    kind: "ring-group",
    group: {
      number: group.number,
      name: group.name,
      strategy: group.strategy,
      ringTimeout: group.ringTimeout,
      fallbackType: group.fallbackType,
      fallbackTarget: group.fallbackTarget,
      members: group.members.flatMap((m) => dialExtensionOf(m.extension) ?? []),
    },
  };
}

/**
 * Everything planCall needs for one call in a domain context. A call to an extension
 * (the common case) costs one indexed query: caller and callee come back together.
 */
export async function loadCallData(
  db: DbTx,
  gate: DomainGate,
  claim: IdentityClaim,
  dialed: string,
  limits: OutboundLimits,
  now: Date,
): Promise<CallData> {
  // A feature code or a limit trip acts on the caller (and *99N on box N); anything else may be an extension.
  const feature = parseFeatureCode(dialed) ?? (parseLimitTrip(dialed) ? { code: "limit-trip" as const } : null);
  const callerNumber = callerNumberOf(claim);
  const localNumber = localNumberOf(feature, dialed);
  const wanted = [callerNumber, localNumber].filter((n): n is string => n !== undefined);
  // Pickup groups and the parking lot come in parallel: no extra round trip on the way.
  const [rows, { groupsOf, parking }] = await Promise.all([
    wanted.length > 0 ? loadExtensionRows(db, gate.id, wanted) : [],
    loadPickupParking(db, gate.id, wanted),
  ]);
  const byNumber = (n: string | undefined) => dialExtensionOf(rows.find((r) => r.number === n) ?? null);

  const caller = byNumber(callerNumber);
  const identity: CallIdentity =
    claim.routeAs === "did" ? { kind: "did" } : caller ? { kind: "extension", extension: caller } : { kind: "none" };
  const callee = byNumber(localNumber);
  // A disabled extension's number is still taken: it must not fall through to outbound routes.
  const numberTaken = rows.some((r) => r.number === localNumber);
  let local: CallData["local"] = callee ? { kind: "extension", extension: callee } : null;
  let routes: DialRoute[] = [];
  // *31<number> acts on business hours <number>: the one feature code that needs the number's meaning.
  const needsMeaning = !feature || feature.code === "business-hours-toggle";
  if (!numberTaken && localNumber !== undefined && needsMeaning) {
    // Routes are only needed if the number is not local; asking both at once saves a round trip.
    const [groupOrMenu, allRoutes] = await Promise.all([
      loadGroupOrMenu(db, gate.id, localNumber),
      loadRoutes(db, gate.id),
    ]);
    local = groupOrMenu;
    if (!local) routes = allRoutes;
  }
  const pickupGroups = { caller: groupsOf(callerNumber), local: groupsOf(localNumber) };
  const callerAgent =
    feature?.code === "agent-toggle" && callerNumber !== undefined
      ? await loadCallerAgent(db, gate.id, callerNumber)
      : null;
  return {
    domain: {
      name: gate.name,
      maxConcurrentCalls: gate.maxConcurrentCalls,
      timeZone: gate.timeZone,
      holdMusic: gate.holdMusic,
    },
    now,
    identity,
    local,
    routes,
    limits,
    pickupGroups,
    parking,
    callerAgent,
  };
}

/** `*22`: the caller's agent status, and whether it answers any queue at all. */
async function loadCallerAgent(db: DbTx, domainId: string, number: string): Promise<CallData["callerAgent"]> {
  const x = await db.extension.findUnique({
    where: { domainId_number: { domainId, number } },
    select: { agentStatus: true, _count: { select: { queueAgents: true } } },
  });
  return x ? { status: x.agentStatus, queues: x._count.queueAgents } : null;
}

/** The DID a trunk call is for, in any of the forms we accept; null when unknown or its domain is suspended. */
export async function loadInbound(db: DbTx, dialed: string): Promise<InboundData | null> {
  const candidates = didCandidates(dialed);
  if (candidates.length === 0) return null;
  const rows = await db.phoneNumber.findMany({
    where: { e164: { in: candidates }, domain: { status: "ACTIVE" } },
    select: { e164: true, destType: true, destTarget: true, domain: { select: { name: true } } },
  });
  // Prefer the most literal reading of what was dialled.
  const row = candidates.map((c) => rows.find((r) => r.e164 === c)).find((r) => r !== undefined);
  if (!row?.domain) return null;
  return { did: row.e164, domain: row.domain.name, destType: row.destType, destTarget: row.destTarget };
}
