import type { AgentStatus, CallLimitKind, QueueStrategy } from "@/server/db/generated/enums";
import type { CallData, DialCallQueue, DialExtension, DialRingGroup, InboundData } from "./callData";
import {
  destinationBarred,
  LIMIT_HANGUP_CAUSES,
  limitTripExtension,
  minutesUsedUp,
  OUTBOUND_LIMIT_RESOURCES,
  parseLimitTrip,
  type LimitTripExtension,
} from "./callLimits";
import { destinationApp, destinationStep, VOICEMAIL_DEPOSIT_PREFIX, type DestinationStep } from "./destination";
import { dialableNumber, inertText, safeGatewayName } from "./dialSafety";
import { callQueueName } from "./callQueue";
import { parseFeatureCode, type FeatureCode, type FeatureToggle } from "./featureCodes";
import { matchesPattern } from "./pattern";
import { evaluateTimeCondition } from "./timeCondition";
import {
  extensionDialString,
  parkActions,
  parkingSlotOf,
  pickupExtensionActions,
  pickupGroupActions,
  retrieveActions,
} from "./pickupParking";

export type DialplanAction = { app: string; data?: string };

/** Which rule answered a call: what the simulator shows. */
export type MatchedRule =
  | { type: "extension"; number: string }
  | { type: "feature-code"; code: FeatureCode["code"] }
  | { type: "ring-group"; number: string; name: string; strategy: string; members: string[] }
  | { type: "ivr"; number: string; name: string }
  | { type: "conference"; number: string; name: string }
  /** A call queue: who can answer now, and where callers go after waiting `maxWaitSeconds` (null = hang up). */
  | {
      type: "queue";
      number: string;
      name: string;
      strategy: QueueStrategy;
      maxWaitSeconds: number;
      availableAgents: string[];
      fallback: string | null;
    }
  /** Business hours: the branch taken at the call's instant, and why. */
  | {
      type: "time-condition";
      number: string;
      name: string;
      branch: "open" | "closed";
      reason: string;
      /** The number the call is handed to in the domain; null when the branch hangs up. */
      next: string | null;
    }
  /** `*8` (the caller's groups, by name) or `**<ext>` (that extension). */
  | { type: "pickup"; from: "group" | "extension"; targets: string[] }
  | { type: "park"; firstSlot: number; lastSlot: number; timeoutSeconds: number }
  | { type: "park-retrieve"; slot: number }
  | { type: "voicemail"; box: string | null }
  | { type: "outbound-route"; route: string; dialedOut: string; gateways: string[] }
  | { type: "inbound-did"; did: string; domain: string }
  | { type: "denied"; reason: string }
  /** An abuse limit of the tenant refused the call. */
  | { type: "limit"; kind: CallLimitKind; reason: string }
  | { type: "not-found" };

export type CallPlan = {
  context: string;
  destination: string;
  rule: MatchedRule;
  actions: DialplanAction[];
  /** A feature code's change to the caller's extension; the HTTP path applies it, the simulator does not. */
  toggle?: { extension: string; change: FeatureToggle };
  /** An abuse limit the call ran into; the HTTP path records it, the simulator does not. */
  trip?: LimitTrip;
  /** `*31<number>`'s flip of business hours; the HTTP path applies it, the simulator does not. */
  closedNowSwitch?: { number: string; closedNow: boolean };
  /** `*22`'s login or logout of the caller's queues; the HTTP path applies it, the simulator does not. */
  agentStatusSwitch?: { extension: string; status: AgentStatus };
  /** The plan holds until then (a business-hours branch may change): no answer is cached past it. */
  validUntil?: Date;
};

export type LimitTrip = { kind: CallLimitKind; extension: string | null; destination: string };

export const HANGUP_CAUSES = {
  domainLimit: "SWITCH_CONGESTION",
  extensionLimit: "USER_BUSY",
  unallocated: "UNALLOCATED_NUMBER",
  barred: "OUTGOING_CALL_BARRED",
  noRoute: "NO_ROUTE_DESTINATION",
} as const;

const set = (assignment: string): DialplanAction => ({ app: "set", data: assignment });

/**
 * What a phone hears after a switch code (*31N, *22): a high second tone for "on" (open,
 * logged in), a low one for "off". Tones, not prompts: every node has them, whatever sound
 * packs it carries.
 */
const SWITCHED_TONES = {
  on: "tone_stream://%(300,200,440);%(300,0,660)",
  off: "tone_stream://%(300,200,440);%(300,0,330)",
} as const;
const hangup = (cause: string): DialplanAction => ({ app: "hangup", data: cause });

/** Concurrent-call caps: the domain's, then the calling extension's (a transfer must not count twice). */
function limits(data: CallData): DialplanAction[] {
  const out: DialplanAction[] = [set("limit_ignore_transfer=true")];
  const domain = data.domain.name;
  if (data.domain.maxConcurrentCalls > 0)
    out.push({
      app: "limit",
      data: `hash ${domain} domain-calls ${data.domain.maxConcurrentCalls} !${HANGUP_CAUSES.domainLimit}`,
    });
  const caller = data.identity.kind === "extension" ? data.identity.extension : null;
  if (caller && caller.maxCalls > 0)
    out.push({
      app: "limit",
      data: `hash ${domain} ext-${caller.number} ${caller.maxCalls} !${HANGUP_CAUSES.extensionLimit}`,
    });
  return out;
}

/**
 * The tenant's hold music for both legs (export): a held caller hears what the holding side's
 * channel says, and mod_valet_parking plays hold_music to a parked call.
 */
function holdMusic(data: CallData): DialplanAction[] {
  return data.domain.holdMusic ? [{ app: "export", data: `hold_music=${data.domain.holdMusic}` }] : [];
}

function recording(data: CallData, callee: DialExtension | null): DialplanAction[] {
  const caller = data.identity.kind === "extension" ? data.identity.extension : null;
  if (!caller?.recordCalls && !callee?.recordCalls) return [];
  return [
    set("RECORD_STEREO=true"),
    { app: "record_session", data: `\${recordings_dir}/${data.domain.name}/\${uuid}.wav` },
  ];
}

const toApp = (step: DestinationStep, context: string): DialplanAction => destinationApp(step, context);

function forwardTarget(forward: { enabled: boolean; target: string | null }): string | null {
  return forward.enabled ? dialableNumber(forward.target) : null;
}

/** Ring an extension, honouring DND and forwards, then voicemail. */
function planExtension(data: CallData, callee: DialExtension): DialplanAction[] {
  const domain = data.domain.name;
  const voicemail: DestinationStep = callee.voicemailEnabled
    ? { app: "transfer", number: `${VOICEMAIL_DEPOSIT_PREFIX}${callee.number}` }
    : { app: "hangup", cause: "USER_BUSY" };
  const actions = [...limits(data), ...holdMusic(data)];
  if (callee.dnd) return [...actions, toApp(voicemail, domain)];
  // Calls forwarded onwards are restricted and billed as the forwarding extension.
  const routeAs = set(`sb_route_as=${callee.number}`);
  const always = forwardTarget(callee.forwardAlways);
  if (always) return [...actions, routeAs, { app: "transfer", data: `${always} XML ${domain}` }];

  const noAnswerTarget = forwardTarget(callee.forwardNoAnswer);
  const noAnswer: DestinationStep = noAnswerTarget ? { app: "transfer", number: noAnswerTarget } : voicemail;
  const busyTarget = forwardTarget(callee.forwardBusy);
  const busy: DestinationStep = busyTarget ? { app: "transfer", number: busyTarget } : noAnswer;

  actions.push(...recording(data, callee));
  if (callee.maxCalls > 0) {
    const overflow = busy.app === "transfer" ? `${busy.number} XML ${domain}` : `!${HANGUP_CAUSES.extensionLimit}`;
    actions.push({ app: "limit", data: `hash ${domain} ext-${callee.number} ${callee.maxCalls} ${overflow}` });
  }
  if (busyTarget || noAnswerTarget) actions.push(routeAs);
  actions.push(set(`call_timeout=${callee.noAnswerTimeout}`), set("hangup_after_bridge=true"));
  const dialString = extensionDialString(domain, callee, data.pickupGroups.local);
  // What happens after a failed bridge is chosen by FreeSWITCH at run time from the failure cause.
  if (busy.app === "hangup" && noAnswer.app === "hangup") {
    actions.push(set("continue_on_fail=false"), { app: "bridge", data: dialString });
  } else if (noAnswer.app === "hangup" && busy.app === "transfer") {
    actions.push(set("continue_on_fail=USER_BUSY"), { app: "bridge", data: dialString }, toApp(busy, domain));
  } else if (busy.app === "transfer" && noAnswer.app === "transfer" && busy.number !== noAnswer.number) {
    actions.push(
      set("continue_on_fail=true"),
      { app: "bridge", data: dialString },
      {
        app: "transfer",
        data: `\${cond(\${originate_disposition} == USER_BUSY ? ${busy.number} : ${noAnswer.number})} XML ${domain}`,
      },
    );
  } else {
    actions.push(set("continue_on_fail=true"), { app: "bridge", data: dialString }, toApp(noAnswer, domain));
  }
  return actions;
}

function planRingGroup(data: CallData, group: DialRingGroup): DialplanAction[] {
  const domain = data.domain.name;
  const fallback = toApp(destinationStep(group.fallbackType, group.fallbackTarget), domain);
  const members = group.members.filter((m) => !m.dnd);
  const actions = [...limits(data), ...holdMusic(data), ...recording(data, null)];
  if (members.length === 0) return [...actions, fallback];
  const timeout = group.ringTimeout;
  const dialString =
    group.strategy === "SIMULTANEOUS"
      ? members.map((m) => `user/${m.number}@${domain}`).join(",")
      : members.map((m) => `[leg_timeout=${timeout}]user/${m.number}@${domain}`).join("|");
  return [
    ...actions,
    set(`call_timeout=${group.strategy === "SIMULTANEOUS" ? timeout : timeout * members.length}`),
    set("hangup_after_bridge=true"),
    set("continue_on_fail=true"),
    { app: "bridge", data: dialString },
    fallback.app === "hangup" ? hangup("NO_ANSWER") : fallback,
  ];
}

function callClass(dialed: string): "emergency" | "international" | "domestic" {
  if (/^(911|112|999|000)$/.test(dialed)) return "emergency";
  return /^(\+|00|011)/.test(dialed) ? "international" : "domestic";
}

/**
 * The tenant's outbound rate and count limits. Over either, FreeSWITCH transfers the call
 * to `sb-limit-<kind>` in the domain context, so the trip reaches us (see planLimitTrip).
 * The rate comes first: a call refused for rate never holds a count slot.
 */
function outboundLimits(data: CallData): DialplanAction[] {
  const domain = data.domain.name;
  const overflow = (kind: LimitTripExtension) => `${limitTripExtension(kind)} XML ${domain}`;
  const out: DialplanAction[] = [];
  const { callsPerSecond, maxCalls } = data.limits;
  if (callsPerSecond > 0)
    out.push({
      app: "limit",
      data: `hash ${domain} ${OUTBOUND_LIMIT_RESOURCES.rate} ${callsPerSecond}/1 ${overflow("CPS")}`,
    });
  if (maxCalls > 0)
    out.push({
      app: "limit",
      data: `hash ${domain} ${OUTBOUND_LIMIT_RESOURCES.calls} ${maxCalls} ${overflow("CONCURRENT")}`,
    });
  return out;
}

function refusedByLimit(
  kind: CallLimitKind,
  reason: string,
  extension: string | null,
  destination: string,
): Pick<CallPlan, "rule" | "actions" | "trip"> {
  return {
    rule: { type: "limit", kind, reason },
    actions: [hangup(LIMIT_HANGUP_CAUSES[kind])],
    trip: { kind, extension, destination },
  };
}

/** FreeSWITCH's `limit` sent an over-limit call here: hang up with the limit's cause. */
function planLimitTrip(data: CallData, kind: LimitTripExtension): Pick<CallPlan, "rule" | "actions" | "trip"> {
  const caller = data.identity.kind === "extension" ? data.identity.extension.number : null;
  const reason =
    kind === "CPS"
      ? `more than ${data.limits.callsPerSecond} new outbound calls per second`
      : `more than ${data.limits.maxCalls} concurrent outbound calls`;
  // The dialled number is gone by now (the transfer replaced it); the trip names the limit.
  return refusedByLimit(kind, reason, caller, limitTripExtension(kind));
}

function planOutbound(data: CallData, dialed: string): Pick<CallPlan, "rule" | "actions" | "trip"> {
  if (data.identity.kind === "none")
    return {
      rule: { type: "denied", reason: "outbound calls need an authenticated extension" },
      actions: [hangup(HANGUP_CAUSES.barred)],
    };
  const caller = data.identity.kind === "extension" ? data.identity.extension : null;
  const klass = callClass(dialed);
  // Emergency calls pass every abuse limit: a blocked or capped tenant must still reach help.
  const limited = klass !== "emergency";
  const refuse = (kind: CallLimitKind, reason: string) => refusedByLimit(kind, reason, caller?.number ?? null, dialed);
  if (limited && data.limits.blockedReason !== null)
    return refuse("BLOCKED", `outbound calls of this tenant are blocked: ${data.limits.blockedReason}`);
  if (caller && klass !== "emergency" && !caller.tollAllow.includes(klass))
    return {
      rule: { type: "denied", reason: `extension ${caller.number} may not dial ${klass} numbers` },
      actions: [hangup(HANGUP_CAUSES.barred)],
    };
  // A route whose prepend is not digits could smuggle dial-string syntax: it never matches.
  const route = data.routes.find(
    (r) => matchesPattern(r.pattern, dialed) && (r.prepend === "" || dialableNumber(r.prepend) !== null),
  );
  if (!route) return { rule: { type: "not-found" }, actions: [hangup(HANGUP_CAUSES.unallocated)] };
  const dialedOut = `${route.prepend}${dialed.slice(route.stripDigits)}`;
  const gateways = route.gateways.flatMap((g) => safeGatewayName(g) ?? []);
  const rule: MatchedRule = { type: "outbound-route", route: route.name, dialedOut, gateways };
  if (gateways.length === 0 || dialableNumber(dialedOut) === null)
    return { rule, actions: [hangup(HANGUP_CAUSES.noRoute)] };
  if (limited) {
    const barred = destinationBarred(data.limits, dialed, dialedOut, klass === "international");
    if (barred) return refuse("DESTINATION", `${barred} (${dialed})`);
    const { tenantMinutes, extensionMinutes } = data.limits;
    if (tenantMinutes && minutesUsedUp(tenantMinutes))
      return refuse("TENANT_MINUTES", `the tenant's ${tenantMinutes.capMinutes} outbound minutes for today are used`);
    if (caller && extensionMinutes && minutesUsedUp(extensionMinutes))
      return refuse(
        "EXTENSION_MINUTES",
        `extension ${caller.number}'s ${extensionMinutes.capMinutes} outbound minutes for today are used`,
      );
  }

  const actions = [...limits(data), ...(limited ? outboundLimits(data) : []), ...holdMusic(data)];
  const callerIdNumber = dialableNumber(route.callerIdNumber) ?? dialableNumber(caller?.externalCallerIdNumber);
  if (callerIdNumber) actions.push(set(`effective_caller_id_number=${callerIdNumber}`));
  if (caller?.externalCallerIdName)
    actions.push(set(`effective_caller_id_name=${inertText(caller.externalCallerIdName)}`));
  actions.push(...recording(data, null), set("hangup_after_bridge=true"));
  // Every trunk but the last may fail over; the last one's failure cause ends the call.
  gateways.forEach((gateway, i) => {
    actions.push(set(`continue_on_fail=${i < gateways.length - 1}`), {
      app: "bridge",
      data: `sofia/gateway/${gateway}/${dialedOut}`,
    });
  });
  return { rule, actions };
}

/** Pickup and parking codes: any authenticated phone of the domain, acting only within it. */
function planPickupOrPark(
  data: CallData,
  feature: Extract<FeatureCode, { code: "pickup-group" | "pickup-directed" | "park" }>,
): Pick<CallPlan, "rule" | "actions"> {
  const domain = data.domain.name;
  // A call blind-transferred to *70 is the parked party: a customer's DID call must park too.
  if (data.identity.kind === "none" || (feature.code !== "park" && data.identity.kind !== "extension"))
    return {
      rule: { type: "denied", reason: "pickup and parking need a phone of the domain" },
      actions: [hangup(HANGUP_CAUSES.barred)],
    };
  if (feature.code === "park") {
    if (!data.parking) return { rule: { type: "not-found" }, actions: [hangup(HANGUP_CAUSES.unallocated)] };
    return {
      rule: { type: "park", ...data.parking },
      actions: [...holdMusic(data), ...parkActions(domain, data.parking)],
    };
  }
  if (feature.code === "pickup-group") {
    const groups = data.pickupGroups.caller;
    if (groups.length === 0)
      return {
        rule: { type: "denied", reason: "the caller is in no pickup group" },
        actions: [hangup(HANGUP_CAUSES.unallocated)],
      };
    return {
      rule: { type: "pickup", from: "group", targets: groups.map((g) => g.name) },
      actions: pickupGroupActions(domain, groups),
    };
  }
  // Only an extension of the caller's own domain: the key is built with this domain's name.
  if (data.local?.kind !== "extension")
    return { rule: { type: "not-found" }, actions: [hangup(HANGUP_CAUSES.unallocated)] };
  const target = data.local.extension.number;
  if (data.pickupGroups.local.length === 0)
    return {
      rule: { type: "denied", reason: `calls to ${target} cannot be picked up: it is in no pickup group` },
      actions: [hangup(HANGUP_CAUSES.unallocated)],
    };
  return {
    rule: { type: "pickup", from: "extension", targets: [target] },
    actions: pickupExtensionActions(domain, target),
  };
}

function planFeatureCode(
  data: CallData,
  feature: FeatureCode,
): Pick<CallPlan, "rule" | "actions" | "toggle" | "closedNowSwitch" | "agentStatusSwitch"> {
  const rule: MatchedRule = { type: "feature-code", code: feature.code };
  const domain = data.domain.name;
  const caller = data.identity.kind === "extension" ? data.identity.extension : null;
  const confirm = (sound: string): DialplanAction[] => [
    { app: "answer" },
    { app: "sleep", data: "500" },
    { app: "playback", data: sound },
    hangup("NORMAL_CLEARING"),
  ];

  if (feature.code === "voicemail-any")
    return {
      rule: { type: "voicemail", box: null },
      actions: [
        { app: "answer" },
        { app: "sleep", data: "500" },
        { app: "voicemail", data: `check default ${domain}` },
        hangup("NORMAL_CLEARING"),
      ],
    };
  if (feature.code === "voicemail-deposit") {
    const box = data.local?.kind === "extension" ? data.local.extension : null;
    if (!box?.voicemailEnabled) return { rule: { type: "not-found" }, actions: [hangup(HANGUP_CAUSES.unallocated)] };
    return {
      rule: { type: "voicemail", box: box.number },
      actions: [
        { app: "answer" },
        { app: "sleep", data: "500" },
        { app: "voicemail", data: `default ${domain} ${box.number}` },
        hangup("NORMAL_CLEARING"),
      ],
    };
  }
  if (feature.code === "pickup-group" || feature.code === "pickup-directed" || feature.code === "park")
    return planPickupOrPark(data, feature);
  // The rest act on the caller's own extension: only an authenticated phone may use them.
  if (!caller)
    return {
      rule: { type: "denied", reason: "feature codes need an authenticated extension" },
      actions: [hangup(HANGUP_CAUSES.barred)],
    };
  switch (feature.code) {
    case "voicemail-own":
      return {
        rule: { type: "voicemail", box: caller.number },
        actions: [
          { app: "answer" },
          { app: "sleep", data: "500" },
          { app: "voicemail", data: `check default ${domain} ${caller.number}` },
          hangup("NORMAL_CLEARING"),
        ],
      };
    case "dnd-on":
    case "dnd-off": {
      const enabled = feature.code === "dnd-on";
      return {
        rule,
        actions: confirm(enabled ? "ivr/ivr-dnd_activated.wav" : "ivr/ivr-dnd_cancelled.wav"),
        toggle: { extension: caller.number, change: { field: "dnd", enabled } },
      };
    }
    case "forward-always-on": {
      const target = feature.target ?? dialableNumber(caller.forwardAlways.target);
      if (!target) return { rule, actions: confirm("ivr/ivr-invalid_number_format.wav") };
      return {
        rule,
        actions: confirm("ivr/ivr-call_forwarding_has_been_set.wav"),
        toggle: { extension: caller.number, change: { field: "forwardAlways", enabled: true, target } },
      };
    }
    case "business-hours-toggle": {
      const condition = data.local?.kind === "time-condition" ? data.local.condition : null;
      if (!condition) return { rule: { type: "not-found" }, actions: [hangup(HANGUP_CAUSES.unallocated)] };
      const closedNow = !condition.rules.closedNow;
      return {
        rule,
        actions: confirm(closedNow ? SWITCHED_TONES.off : SWITCHED_TONES.on),
        closedNowSwitch: { number: condition.number, closedNow },
      };
    }
    case "agent-toggle": {
      if (!data.callerAgent || data.callerAgent.queues === 0)
        return {
          rule: { type: "denied", reason: `extension ${caller.number} answers no call queue` },
          actions: [hangup(HANGUP_CAUSES.unallocated)],
        };
      // On break counts as logged in: *22 then logs out, as a phone's one key would.
      const status: AgentStatus = data.callerAgent.status === "LOGGED_OUT" ? "AVAILABLE" : "LOGGED_OUT";
      return {
        rule,
        actions: confirm(status === "AVAILABLE" ? SWITCHED_TONES.on : SWITCHED_TONES.off),
        agentStatusSwitch: { extension: caller.number, status },
      };
    }
    case "forward-always-off":
      return {
        rule,
        actions: confirm("ivr/ivr-call_forwarding_has_been_cancelled.wav"),
        toggle: {
          extension: caller.number,
          change: { field: "forwardAlways", enabled: false, target: caller.forwardAlways.target },
        },
      };
  }
}

/** Decides what a call to `dialed` in a domain context does. Pure: the same data gives the same plan. */
export function planCall(data: CallData, dialed: string): CallPlan {
  const base = { context: data.domain.name, destination: dialed };
  const feature = parseFeatureCode(dialed);
  if (feature) return { ...base, ...planFeatureCode(data, feature) };
  const tripped = parseLimitTrip(dialed);
  if (tripped) return { ...base, ...planLimitTrip(data, tripped) };
  const slot = parkingSlotOf(data.parking, dialed);
  if (slot !== null) {
    if (data.identity.kind !== "extension")
      return {
        ...base,
        rule: { type: "denied", reason: "parked calls are retrieved from a phone of the domain" },
        actions: [hangup(HANGUP_CAUSES.barred)],
      };
    return { ...base, rule: { type: "park-retrieve", slot }, actions: retrieveActions(data.domain.name, slot) };
  }
  const local = data.local;
  if (local?.kind === "extension")
    return {
      ...base,
      rule: { type: "extension", number: local.extension.number },
      actions: planExtension(data, local.extension),
    };
  if (local?.kind === "ring-group") {
    const g = local.group;
    return {
      ...base,
      rule: {
        type: "ring-group",
        number: g.number,
        name: g.name,
        strategy: g.strategy,
        members: g.members.filter((m) => !m.dnd).map((m) => m.number),
      },
      actions: planRingGroup(data, g),
    };
  }
  if (local?.kind === "ivr")
    return {
      ...base,
      rule: { type: "ivr", number: local.menu.number, name: local.menu.name },
      actions: [
        ...limits(data),
        { app: "answer" },
        { app: "sleep", data: "1000" },
        { app: "ivr", data: ivrMenuName(data.domain.name, local.menu.number) },
        hangup("NORMAL_CLEARING"),
      ],
    };
  if (local?.kind === "time-condition") {
    const c = local.condition;
    const judged = evaluateTimeCondition(c.rules, data.now, data.domain.timeZone);
    const to = judged.branch === "open" ? c.open : c.closed;
    const step = destinationStep(to.type, to.target);
    return {
      ...base,
      rule: {
        type: "time-condition",
        number: c.number,
        name: c.name,
        branch: judged.branch,
        reason: judged.reason,
        next: step.app === "transfer" ? step.number : null,
      },
      actions: [toApp(step, data.domain.name)],
      ...(judged.validUntil ? { validUntil: judged.validUntil } : {}),
    };
  }
  if (local?.kind === "conference")
    return {
      ...base,
      rule: { type: "conference", number: local.room.number, name: local.room.name },
      actions: [
        ...limits(data),
        ...recording(data, null),
        { app: "answer" },
        // PINs, size and recording are the room's profile (conference.conf), never in the dialplan.
        {
          app: "conference",
          data: `${conferenceName(data.domain.name, local.room.number)}@${conferenceProfileName(data.domain.name, local.room.number)}`,
        },
        hangup("NORMAL_CLEARING"),
      ],
    };
  if (local?.kind === "queue") return { ...base, ...planQueue(data, local.queue) };
  return { ...base, ...planOutbound(data, dialed) };
}

/**
 * mod_callcenter holds the caller (music, agents offered by the queue's strategy) and returns
 * only when the caller leaves unanswered: after max-wait-time, or with nobody logged in.
 * Then the fallback runs. An answered call ends with its bridge (hangup_after_bridge).
 */
function planQueue(data: CallData, queue: DialCallQueue): Pick<CallPlan, "rule" | "actions"> {
  const domain = data.domain.name;
  const fallback = destinationStep(queue.fallbackType, queue.fallbackTarget);
  return {
    rule: {
      type: "queue",
      number: queue.number,
      name: queue.name,
      strategy: queue.strategy,
      maxWaitSeconds: queue.maxWaitSeconds,
      availableAgents: queue.agents.filter((a) => a.status === "AVAILABLE").map((a) => a.number),
      fallback: fallback.app === "transfer" ? fallback.number : null,
    },
    actions: [
      ...limits(data),
      // Waiting callers hear the tenant's music through cc_moh_override (set expands the node's
      // variables, which the queue's own moh-sound never does); hold_music serves holds after.
      ...holdMusic(data),
      ...(data.domain.holdMusic ? [set(`cc_moh_override=${data.domain.holdMusic}`)] : []),
      { app: "answer" },
      set("hangup_after_bridge=true"),
      { app: "callcenter", data: callQueueName(domain, queue.number) },
      toApp(fallback, domain),
    ],
  };
}

/** The ivr.conf menu name for a domain's menu (see render/ivrConf.ts). */
export function ivrMenuName(domain: string, number: string): string {
  return `${number}@${domain}`;
}

/**
 * The conference a domain's room is on the node: `<room>@<domain>`, so two tenants' room 100
 * never meet (mod_conference also takes the part after "@" as the conference's domain).
 */
export function conferenceName(domain: string, number: string): string {
  return `${number}@${domain}`;
}

/** The room's conference.conf profile (no "@": mod_conference splits the profile off at the last one). */
export function conferenceProfileName(domain: string, number: string): string {
  return `${domain}-${number}`;
}

export const PUBLIC_CONTEXT = "public";

/** A trunk call in `public`: hand the DID to its domain's destination. */
export function planInbound(dialed: string, inbound: InboundData | null): CallPlan {
  const base = { context: PUBLIC_CONTEXT, destination: dialed };
  if (!inbound) return { ...base, rule: { type: "not-found" }, actions: [hangup(HANGUP_CAUSES.unallocated)] };
  const step = destinationStep(inbound.destType, inbound.destTarget);
  return {
    ...base,
    rule: { type: "inbound-did", did: inbound.did, domain: inbound.domain },
    actions: [
      set(`domain_name=${inbound.domain}`),
      // Lets an EXTERNAL destination route out without an extension (see planOutbound).
      set("sb_route_as=did"),
      toApp(step, inbound.domain),
    ],
  };
}
