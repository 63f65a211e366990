import { loadMinutesUsed } from "@/server/callLimits/dailyMinutes";
import { TripRecorder } from "@/server/callLimits/tripRecorder";
import type { Db } from "@/server/db/client";
import { applyFeatureToggle } from "@/server/extensions/service";
import { logger } from "@/server/observability/logger";
import { minutesUsedUp, parseLimitTrip, type OutboundLimits } from "@/server/dialplan/callLimits";
import { parseNumberAtDomain } from "@/server/dialplan/callQueue";
import { parseFeatureCode } from "@/server/dialplan/featureCodes";
import {
  conferenceProfileName,
  planCall,
  planInbound,
  PUBLIC_CONTEXT,
  type CallPlan,
  type LimitTrip,
} from "@/server/dialplan/planCall";
import { applyAgentStatusSwitch } from "@/server/callQueues/service";
import { applyClosedNowSwitch } from "@/server/timeConditions/service";
import { AnswerCache } from "./answerCache";
import { NodeAuthenticator } from "./authenticateNode";
import { callerNumberOf, loadCallData, loadInbound, type IdentityClaim } from "./loadCallData";
import {
  loadAclView,
  loadCallQueues,
  loadCarriedTrunks,
  loadConferenceProfile,
  loadIvrMenu,
} from "./loadConfiguration";
import { loadDirectoryUser, loadNetworkListUsers } from "./loadDirectoryUser";
import { loadDomainGate, nodeServesDomain, type DomainGate } from "./loadDomainGate";
import type { XmlCurlNode } from "./loadNode";
import { hasDailyCaps, loadLimitSettings, outboundLimitsOf } from "./loadOutboundLimits";
import { MinutesUsageCache } from "./minutesUsageCache";
import { renderAclConf } from "./render/aclConf";
import { renderCallcenterConf } from "./render/callcenterConf";
import { isConferenceControlsName, renderConferenceControls, renderConferenceProfiles } from "./render/conferenceConf";
import { renderDialplan } from "./render/dialplan";
import { renderDirectoryDomain } from "./render/directoryDomain";
import { renderDirectoryUser } from "./render/directoryUser";
import { renderGatewaysDirectory } from "./render/gateways";
import { renderIvrConf } from "./render/ivrConf";
import { renderNetworkList } from "./render/networkList";
import { renderSofiaConf } from "./render/sofiaConf";
import type { XmlCurlRequest } from "./requestBody";
import { notFoundAnswer, xmlAnswer, type XmlAnswer } from "./xmlAnswer";

export type XmlCurlSettings = {
  /** FreeSWITCH-side cache time for directory users (`cacheable`), seconds; 0 = off. */
  userCacheSeconds: number;
  enforceAssignment: boolean;
  cacheEntries: number;
  loadTimeoutMs: number;
  /** How long today's outbound minutes of a tenant/extension are reused before call_record is summed again. */
  minutesUsageTtlMs: number;
  /** The clock calls are planned by (business hours); tests set it. */
  now: () => number;
  /** mod_callcenter's shared agent store (env CALLCENTER_ODBC_DSN); null = each node's own. */
  callcenterOdbcDsn: string | null;
};

export const defaultXmlCurlSettings: XmlCurlSettings = {
  userCacheSeconds: 300,
  enforceAssignment: true,
  // Answers are ~1–2 KB: 50k entries stay under ~100 MB.
  cacheEntries: 50_000,
  loadTimeoutMs: 2_000,
  minutesUsageTtlMs: 5_000,
  now: Date.now,
  callcenterOdbcDsn: null,
};

type Log = (message: string) => void;

/** A cached dialplan answer, the limit trip it stands for, if any, and until when it holds. */
type PlannedAnswer = { xml: XmlAnswer; trip: LimitTrip | null; validUntil: number };
const plannedAnswerExpiry = (answer: PlannedAnswer) => answer.validUntil;

type ConfigurationRequest = Extract<XmlCurlRequest, { kind: "configuration" }>;

/**
 * Answers classified mod_xml_curl requests for an authenticated node. Every answer is
 * cached under the inputs that determine it, tagged with the domain (or platform) whose
 * changes invalidate it; only feature codes and limit trips, which write, bypass the cache.
 */
export class XmlCurlService {
  readonly cache: AnswerCache;
  readonly auth: NodeAuthenticator;
  /** Abuse-limit trips, written in batches off the answer path. */
  readonly trips: TripRecorder;
  private readonly minutesUsed: MinutesUsageCache;

  constructor(
    /** Reads (may be a replica). */
    private readonly reader: Db,
    /** Writes: feature-code toggles. */
    private readonly writer: Db,
    private readonly settings: XmlCurlSettings,
    private readonly log: Log = (m) => logger.warn({ component: "xmlcurl" }, m),
  ) {
    this.cache = new AnswerCache({
      maxEntries: settings.cacheEntries,
      loadTimeoutMs: settings.loadTimeoutMs,
      failureBackoffMs: 1_000,
      now: settings.now,
      onStaleServed: (key, error) =>
        this.log(
          `xmlcurl: database unavailable (${error instanceof Error ? error.message : "error"}), serving last good answer for ${key.split("|")[0]}`,
        ),
    });
    this.auth = new NodeAuthenticator(reader, this.cache);
    this.trips = new TripRecorder(writer, this.log);
    this.minutesUsed = new MinutesUsageCache(settings.minutesUsageTtlMs);
  }

  /**
   * The tenant's limits for this caller: settings cached like answers, today's minutes only when
   * capped. Without a cap the limits are the same for every call, so they are cached ready-made.
   */
  private async outboundLimits(gate: DomainGate, claim: IdentityClaim): Promise<OutboundLimits> {
    const { settings, uncapped } = await this.cache.get(`limits|${gate.name}`, { domain: gate.name }, async () => {
      const loaded = await loadLimitSettings(this.reader, gate.id);
      return { settings: loaded, uncapped: hasDailyCaps(loaded) ? null : outboundLimitsOf(loaded, null) };
    });
    if (uncapped) return uncapped;
    const extension = callerNumberOf(claim) ?? null;
    try {
      const used = await this.minutesUsed.get(gate.id, extension, () =>
        loadMinutesUsed(this.reader, gate.id, extension),
      );
      return outboundLimitsOf(settings, used);
    } catch (error) {
      // Calls keep flowing through a database outage: minutes are then not enforced.
      const reason = error instanceof Error ? error.message.split("\n")[0] : "error";
      this.log(`xmlcurl: outbound minutes of ${gate.name} unknown (${reason}), cap not applied`);
      return outboundLimitsOf(settings, null);
    }
  }

  /** The domain's gate when this node may be answered for it; null means "not found". */
  async gate(node: XmlCurlNode, domain: string): Promise<DomainGate | null> {
    const gate = await this.cache.get(`gate|${domain}`, { domain }, () => loadDomainGate(this.reader, domain));
    if (!gate?.active) return null;
    if (this.settings.enforceAssignment && !nodeServesDomain(node, gate)) return null;
    return gate;
  }

  async answer(node: XmlCurlNode, request: XmlCurlRequest): Promise<XmlAnswer> {
    const r = request;
    switch (r.kind) {
      case "sip-auth":
      case "message-count":
      case "user-lookup": {
        const gate = await this.gate(node, r.domain);
        if (!gate) return notFoundAnswer;
        const xml = await this.cache.get(`user|${gate.name}|${r.user}`, { domain: gate.name }, async () => {
          const view = await loadDirectoryUser(this.reader, gate, r.user);
          return view ? xmlAnswer(renderDirectoryUser(view, this.settings.userCacheSeconds * 1000)) : null;
        });
        return xml ?? notFoundAnswer;
      }
      case "domain-lookup": {
        const gate = await this.gate(node, r.domain);
        return gate ? xmlAnswer(renderDirectoryDomain(gate.name)) : notFoundAnswer;
      }
      case "network-list": {
        const gate = await this.gate(node, r.domain);
        if (!gate) return notFoundAnswer;
        return this.cache.get(`netlist|${gate.name}`, { domain: gate.name }, async () =>
          xmlAnswer(renderNetworkList(gate.name, await loadNetworkListUsers(this.reader, gate.id))),
        );
      }
      case "gateways": {
        // Trunks live on the external profile; any other profile loads none from here.
        if (r.profile !== "external") return notFoundAnswer;
        const xml = await this.cache.get(`gateways|${node.id}|${r.profile}`, "platform", async () => {
          const trunks = await loadCarriedTrunks(this.reader, node.id, this.settings.enforceAssignment);
          const byDomain = new Map<string, typeof trunks>();
          for (const t of trunks) {
            const key = t.domain ?? node.hostname;
            byDomain.set(key, [...(byDomain.get(key) ?? []), t]);
          }
          const xml = renderGatewaysDirectory(
            [...byDomain].map(([domain, list]) => ({ domain, gateways: list.map((t) => t.gateway) })),
          );
          return xml === null ? null : xmlAnswer(xml);
        });
        return xml ?? notFoundAnswer;
      }
      case "dialplan":
        return this.answerDialplan(node, r);
      case "configuration":
        return this.answerConfiguration(node, r);
    }
  }

  private async answerDialplan(
    node: XmlCurlNode,
    r: Extract<XmlCurlRequest, { kind: "dialplan" }>,
  ): Promise<XmlAnswer> {
    if (r.context === PUBLIC_CONTEXT) {
      const answer = await this.cache.get(`inbound|${r.destination}`, "platform", async () => {
        const inbound = await loadInbound(this.reader, r.destination);
        return { domain: inbound?.domain ?? null, xml: xmlAnswer(renderDialplan(planInbound(r.destination, inbound))) };
      });
      // A DID of a domain this node does not serve is not this node's business.
      if (answer.domain !== null && !(await this.gate(node, answer.domain))) return notFoundAnswer;
      return answer.xml;
    }
    const gate = await this.gate(node, r.context);
    if (!gate) return notFoundAnswer;
    const claim = { routeAs: r.routeAs, authenticatedUser: r.authenticatedUser };
    const limits = await this.outboundLimits(gate, claim);
    if (parseLimitTrip(r.destination)) {
      // FreeSWITCH's `limit` sent an over-limit call here: every one is a trip to record.
      const tripped = await this.plan(gate, claim, r.destination, limits);
      if (tripped.trip) this.trips.record(gate.id, tripped.trip);
      return xmlAnswer(renderDialplan(tripped));
    }
    if (parseFeatureCode(r.destination)) {
      // Feature codes may change the caller's extension or business hours: always fresh, never cached.
      const planned = await this.plan(gate, claim, r.destination, limits);
      try {
        await this.applyFeatureChange(gate, planned, callerNumberOf(claim));
      } catch (error) {
        // Never confirm a change that did not happen.
        this.log(
          `xmlcurl: feature code ${planned.rule.type} failed: ${error instanceof Error ? error.message.split("\n")[0] : "unknown"}`,
        );
        return xmlAnswer(
          renderDialplan({ ...planned, actions: [{ app: "hangup", data: "NORMAL_TEMPORARY_FAILURE" }] }),
        );
      }
      return xmlAnswer(renderDialplan(planned));
    }
    // Used-up minutes are the one input that changes without an edit: part of the key.
    const minutes = `${minutesUsedUp(limits.tenantMinutes) ? 1 : 0}${minutesUsedUp(limits.extensionMinutes) ? 1 : 0}`;
    const key = `dialplan|${gate.name}|${r.destination}|${r.routeAs ?? ""}|${r.authenticatedUser ?? ""}|${minutes}`;
    const answer = await this.cache.get(
      key,
      { domain: gate.name },
      async (): Promise<PlannedAnswer> => {
        const planned = await this.plan(gate, claim, r.destination, limits);
        return {
          xml: xmlAnswer(renderDialplan(planned)),
          trip: planned.trip ?? null,
          validUntil: planned.validUntil?.getTime() ?? Number.POSITIVE_INFINITY,
        };
      },
      plannedAnswerExpiry,
    );
    // A refused call is a trip each time it is asked for, cached answer or not.
    if (answer.trip) this.trips.record(gate.id, answer.trip);
    return answer.xml;
  }

  /** A call planned now, from the database: only on a cache miss, a feature code or a limit trip. */
  private async plan(gate: DomainGate, claim: IdentityClaim, destination: string, limits: OutboundLimits) {
    const now = new Date(this.settings.now());
    return planCall(await loadCallData(this.reader, gate, claim, destination, limits, now), destination);
  }

  /** What a feature code changes: the caller's extension (*78, *72, …), business hours (*31N) or agent status (*22). */
  private async applyFeatureChange(gate: DomainGate, plan: CallPlan, caller: string | undefined): Promise<void> {
    const target = { domainId: gate.id, domainName: gate.name };
    if (plan.toggle)
      await applyFeatureToggle(this.writer, { ...target, extension: plan.toggle.extension }, plan.toggle.change);
    if (plan.closedNowSwitch && caller)
      await applyClosedNowSwitch(
        this.writer,
        { ...target, number: plan.closedNowSwitch.number, phone: caller },
        plan.closedNowSwitch.closedNow,
      );
    if (plan.agentStatusSwitch)
      await applyAgentStatusSwitch(
        this.writer,
        { ...target, extension: plan.agentStatusSwitch.extension },
        plan.agentStatusSwitch.status,
      );
  }

  private async answerConfiguration(
    node: XmlCurlNode,
    r: Extract<XmlCurlRequest, { kind: "configuration" }>,
  ): Promise<XmlAnswer> {
    const enforce = this.settings.enforceAssignment;
    switch (r.name) {
      case "sofia.conf":
        return this.cache.get(`sofia|${node.id}`, "platform", async () => {
          const trunks = await loadCarriedTrunks(this.reader, node.id, enforce);
          return xmlAnswer(
            renderSofiaConf({
              hostname: node.hostname,
              sipAddress: node.sipAddress,
              sipPort: node.sipPort,
              externalSipPort: node.externalSipPort,
              gateways: trunks.map((t) => t.gateway),
            }),
          );
        });
      case "acl.conf":
        return this.cache.get(`acl|${node.id}`, "platform", async () =>
          xmlAnswer(renderAclConf(await loadAclView(this.reader, node.id, enforce))),
        );
      case "ivr.conf": {
        const at = r.menuName?.lastIndexOf("@") ?? -1;
        if (!r.menuName || at <= 0) return notFoundAnswer;
        const number = r.menuName.slice(0, at);
        const gate = await this.gate(node, r.menuName.slice(at + 1).toLowerCase());
        if (!gate) return notFoundAnswer;
        const xml = await this.cache.get(`ivr|${gate.name}|${number}`, { domain: gate.name }, async () => {
          const menu = await loadIvrMenu(this.reader, gate, number);
          return menu ? xmlAnswer(renderIvrConf([menu])) : null;
        });
        return xml ?? notFoundAnswer;
      }
      case "conference.conf":
        return this.answerConference(node, r);
      case "callcenter.conf":
        return this.answerCallcenter(node, r);
      default:
        // Everything else (console.conf, voicemail.conf, ...) comes from the node's own files.
        return notFoundAnswer;
    }
  }

  /**
   * mod_conference's two questions: the room's profile when the `conference` app starts
   * (the boot-time `presence=true` one is left to the node's own file), and a keypad group
   * when a member joins. A room is answered only under its own name and profile, and only
   * to a node that serves its domain: another tenant's room 100 is a different name.
   */
  private async answerConference(node: XmlCurlNode, r: ConfigurationRequest): Promise<XmlAnswer> {
    if (r.conferenceControls !== undefined)
      return isConferenceControlsName(r.conferenceControls)
        ? xmlAnswer(renderConferenceControls(r.conferenceControls))
        : notFoundAnswer;
    const room = parseNumberAtDomain(r.conferenceName);
    if (!room || r.conferenceProfile !== conferenceProfileName(room.domain, room.number)) return notFoundAnswer;
    const gate = await this.gate(node, room.domain);
    if (!gate) return notFoundAnswer;
    const xml = await this.cache.get(`conference|${gate.name}|${room.number}`, { domain: gate.name }, async () => {
      const profile = await loadConferenceProfile(this.reader, gate, room.number);
      return profile ? xmlAnswer(renderConferenceProfiles([profile])) : null;
    });
    return xml ?? notFoundAnswer;
  }

  /**
   * mod_callcenter's questions: one queue (`CC-Queue`, when a call or `queue load|reload`
   * needs it), answered only to a node serving its domain; or, when the module loads, every
   * queue of the domains this node serves, so a restarted node has its agents and tiers
   * before the first caller. The latter is rare and spans domains: never cached.
   */
  private async answerCallcenter(node: XmlCurlNode, r: ConfigurationRequest): Promise<XmlAnswer> {
    const settings = { odbcDsn: this.settings.callcenterOdbcDsn };
    if (r.callcenterQueue === undefined) {
      const all = await loadCallQueues(this.reader, {
        nodeId: node.id,
        enforceAssignment: this.settings.enforceAssignment,
      });
      return xmlAnswer(renderCallcenterConf(settings, all));
    }
    const queue = parseNumberAtDomain(r.callcenterQueue);
    if (!queue) return notFoundAnswer;
    const gate = await this.gate(node, queue.domain);
    if (!gate) return notFoundAnswer;
    const xml = await this.cache.get(`callcenter|${gate.name}|${queue.number}`, { domain: gate.name }, async () => {
      const found = await loadCallQueues(this.reader, { domain: gate, number: queue.number });
      return found.length > 0 ? xmlAnswer(renderCallcenterConf(settings, found)) : null;
    });
    return xml ?? notFoundAnswer;
  }
}
