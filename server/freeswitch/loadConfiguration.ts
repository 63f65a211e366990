import { isIP } from "node:net";
import type { DbTx } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { destinationStep } from "@/server/dialplan/destination";
import { callQueueName, queueAgentName } from "@/server/dialplan/callQueue";
import { conferenceProfileName, ivrMenuName } from "@/server/dialplan/planCall";
import { domainHoldMusic, MOH_FILE_ORDER, playsWithoutExpansion } from "@/server/musicOnHold/holdMusic";
import { NODE_DEFAULT_HOLD_MUSIC } from "@/server/musicOnHold/schemas";
import { open } from "@/server/security/secretBox";
import type { AclView } from "./render/aclConf";
import { AGENT_RING_SECONDS, type CallQueueView } from "./render/callcenterConf";
import type { ConferenceProfileView } from "./render/conferenceConf";
import type { GatewayView } from "./render/gateway";
import type { IvrMenuView } from "./render/ivrConf";

/** Domains a node serves: assigned to it, or assigned to nobody (see nodeServesDomain). */
function servedDomains(nodeId: string, enforceAssignment: boolean): Prisma.DomainWhereInput {
  const active: Prisma.DomainWhereInput = { status: "ACTIVE" };
  if (!enforceAssignment) return active;
  return { ...active, OR: [{ assignments: { some: { nodeId } } }, { assignments: { none: {} } }] };
}

export type CarriedTrunks = { domain: string | null; gateway: GatewayView }[];

/** Enabled platform trunks plus the trunks of the domains this node serves. */
export async function loadCarriedTrunks(db: DbTx, nodeId: string, enforceAssignment: boolean): Promise<CarriedTrunks> {
  const rows = await db.trunk.findMany({
    where: { enabled: true, OR: [{ domainId: null }, { domain: servedDomains(nodeId, enforceAssignment) }] },
    orderBy: { name: "asc" },
    include: { domain: { select: { name: true } } },
  });
  return rows.map((t) => ({
    domain: t.domain?.name ?? null,
    gateway: {
      name: t.name,
      proxyHost: t.proxyHost,
      proxyPort: t.proxyPort,
      transport: t.transport,
      realm: t.realm,
      username: t.username,
      password: t.passwordEnc ? open(t.passwordEnc) : null,
      register: t.register,
      expireSeconds: t.expireSeconds,
      callerIdInFrom: t.callerIdInFrom,
      pingSeconds: t.pingSeconds,
    },
  }));
}

/** An address as an ACL CIDR; host names cannot go in an ACL and are left out. */
function addressCidr(host: string): string | null {
  const kind = isIP(host.replace(/^\[|\]$/g, ""));
  if (kind === 4) return `${host}/32`;
  if (kind === 6) return `${host.replace(/^\[|\]$/g, "")}/128`;
  return null;
}

export async function loadAclView(db: DbTx, nodeId: string, enforceAssignment: boolean): Promise<AclView> {
  const [trunks, proxies, cidrDomains] = await Promise.all([
    loadCarriedTrunks(db, nodeId, enforceAssignment),
    db.sipProxy.findMany({ where: { enabled: true }, select: { rpcUrl: true }, orderBy: { name: "asc" } }),
    db.domain.findMany({
      where: {
        ...servedDomains(nodeId, enforceAssignment),
        extensions: { some: { enabled: true, cidr: { not: null } } },
      },
      select: { name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  const proxyHost = (url: string) => {
    try {
      return new URL(url).hostname;
    } catch {
      return "";
    }
  };
  const unique = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];
  return {
    trunkCidrs: unique(trunks.map((t) => addressCidr(t.gateway.proxyHost))),
    proxyCidrs: unique(proxies.map((p) => addressCidr(proxyHost(p.rpcUrl)))),
    domainsWithCidrUsers: cidrDomains.map((d) => d.name),
  };
}

export async function loadIvrMenu(
  db: DbTx,
  domain: { id: string; name: string },
  number: string,
): Promise<IvrMenuView | null> {
  const m = await db.ivrMenu.findUnique({
    where: { domainId_number: { domainId: domain.id, number } },
    include: { options: { orderBy: { digits: "asc" } } },
  });
  if (!m) return null;
  return {
    name: ivrMenuName(domain.name, m.number),
    domain: domain.name,
    greeting: m.greeting,
    timeoutSeconds: m.timeoutSeconds,
    maxFailures: m.maxFailures,
    options: m.options.map((o) => ({ digits: o.digits, step: destinationStep(o.destType, o.destTarget) })),
    onInvalid: destinationStep(m.invalidType, m.invalidTarget),
    onTimeout: destinationStep(m.timeoutType, m.timeoutTarget),
  };
}

export async function loadConferenceProfile(
  db: DbTx,
  domain: { id: string; name: string; holdMusic: string | null },
  number: string,
): Promise<ConferenceProfileView | null> {
  // A plan without conference rooms (limit 0) switches its rooms off.
  const room = await db.conferenceRoom.findFirst({
    where: { domainId: domain.id, number, domain: { maxConferenceRooms: { gt: 0 } } },
  });
  if (!room) return null;
  return {
    profileName: conferenceProfileName(domain.name, room.number),
    domain: domain.name,
    number: room.number,
    pin: room.pinEnc ? open(room.pinEnc) : null,
    moderatorPin: room.moderatorPinEnc ? open(room.moderatorPinEnc) : null,
    maxMembers: room.maxMembers,
    record: room.record,
    mohSound: configMohSound(domain.holdMusic),
  };
}

/** The tenant's hold music (see server/musicOnHold/holdMusic.ts), what queue callers hear. */
const holdMusicSelect = {
  name: true,
  holdMusic: true,
  mohFiles: { select: { id: true }, orderBy: MOH_FILE_ORDER },
} satisfies Prisma.DomainSelect;

/** A module config's moh-sound: the tenant's music where it plays as written (see playsWithoutExpansion). */
function configMohSound(sound: string | null): string {
  return sound !== null && playsWithoutExpansion(sound) ? sound : NODE_DEFAULT_HOLD_MUSIC;
}

function queueMohSound(domain: Prisma.DomainGetPayload<{ select: typeof holdMusicSelect }>): string {
  return configMohSound(
    domainHoldMusic(
      domain,
      domain.mohFiles.map((f) => f.id),
    ),
  );
}

/**
 * Call queues for callcenter.conf: one of a domain (mod_callcenter's `CC-Queue`), or all
 * of the domains this node serves (the module loading). A plan without queues (limit 0)
 * switches its queues off. An agent whose extension is disabled is offered no calls.
 */
export async function loadCallQueues(
  db: DbTx,
  which: { domain: { id: string; name: string }; number: string } | { nodeId: string; enforceAssignment: boolean },
): Promise<CallQueueView[]> {
  const where: Prisma.CallQueueWhereInput =
    "number" in which
      ? { domainId: which.domain.id, number: which.number, domain: { maxQueues: { gt: 0 } } }
      : { domain: { ...servedDomains(which.nodeId, which.enforceAssignment), maxQueues: { gt: 0 } } };
  const queues = await db.callQueue.findMany({
    where,
    orderBy: [{ domainId: "asc" }, { number: "asc" }],
    include: {
      domain: { select: holdMusicSelect },
      agents: {
        orderBy: [{ level: "asc" }, { position: "asc" }],
        include: { extension: { select: { number: true, enabled: true, agentStatus: true } } },
      },
    },
  });
  return queues.map((q) => ({
    name: callQueueName(q.domain.name, q.number),
    domain: q.domain.name,
    number: q.number,
    strategy: q.strategy,
    maxWaitSeconds: q.maxWaitSeconds,
    noAgentWaitSeconds: q.noAgentWaitSeconds,
    tierWaitSeconds: q.tierWaitSeconds,
    record: q.record,
    mohSound: queueMohSound(q.domain),
    agents: q.agents.map((a) => ({
      name: queueAgentName(q.domain.name, a.extension.number),
      contact: `[leg_timeout=${AGENT_RING_SECONDS}]user/${a.extension.number}@${q.domain.name}`,
      status: a.extension.enabled ? a.extension.agentStatus : "LOGGED_OUT",
      level: a.level,
      position: a.position,
    })),
  }));
}
