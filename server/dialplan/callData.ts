import type { AgentStatus, DestinationType, QueueStrategy, RingStrategy } from "@/server/db/generated/enums";
import type { OutboundLimits } from "./callLimits";
import type { TimeRules } from "./timeCondition";

// What the planner needs to know about one call, loaded by server/freeswitch/loadCallData.ts
// and by the simulator. Plain data: the planner stays a pure function.

export type DialExtension = {
  number: string;
  displayName: string;
  voicemailEnabled: boolean;
  internalCallerIdName: string | null;
  internalCallerIdNumber: string | null;
  externalCallerIdName: string | null;
  externalCallerIdNumber: string | null;
  forwardAlways: { enabled: boolean; target: string | null };
  forwardBusy: { enabled: boolean; target: string | null };
  forwardNoAnswer: { enabled: boolean; target: string | null };
  noAnswerTimeout: number;
  dnd: boolean;
  maxCalls: number;
  recordCalls: boolean;
  tollAllow: string[];
};

export type DialRingGroup = {
  number: string;
  name: string;
  strategy: RingStrategy;
  ringTimeout: number;
  fallbackType: DestinationType;
  fallbackTarget: string | null;
  /** Enabled member extensions, in ring order. */
  members: DialExtension[];
};

export type DialIvrMenu = { number: string; name: string };

export type DialConferenceRoom = { number: string; name: string };

/** A call queue: who answers it now, how long callers wait, and where they go after. */
export type DialCallQueue = {
  number: string;
  name: string;
  strategy: QueueStrategy;
  maxWaitSeconds: number;
  fallbackType: DestinationType;
  fallbackTarget: string | null;
  /** Enabled agent extensions, by level and position. */
  agents: { number: string; status: AgentStatus }[];
};

/** Business hours: where calls go while open and while closed. */
export type DialTimeCondition = {
  number: string;
  name: string;
  rules: TimeRules;
  open: { type: DestinationType; target: string | null };
  closed: { type: DestinationType; target: string | null };
};

/** A pickup group an extension is in: its calls also ring `pickup/<key>` (see planCall's pickupKey). */
export type DialPickupGroup = { id: string; name: string };

/** The domain's enabled parking lot (mod_valet_parking): slots firstSlot..lastSlot. */
export type DialParkingLot = { firstSlot: number; lastSlot: number; timeoutSeconds: number };

export type DialRoute = {
  name: string;
  pattern: string;
  stripDigits: number;
  prepend: string;
  callerIdNumber: string | null;
  /** Enabled trunks' gateway names, in failover order. */
  gateways: string[];
};

/** Who the call is billed and restricted as: an extension, or a DID routed by the platform. */
export type CallIdentity = { kind: "extension"; extension: DialExtension } | { kind: "did" } | { kind: "none" };

export type CallData = {
  /** `timeZone`: the IANA zone business hours are judged in; `holdMusic`: the sound calls export as hold_music, null = the node's. */
  domain: { name: string; maxConcurrentCalls: number; timeZone: string; holdMusic: string | null };
  /** When the call is planned: business hours are judged at this instant. */
  now: Date;
  identity: CallIdentity;
  /** What the dialled number is inside the domain, if anything. */
  local:
    | { kind: "extension"; extension: DialExtension }
    | { kind: "ring-group"; group: DialRingGroup }
    | { kind: "ivr"; menu: DialIvrMenu }
    | { kind: "conference"; room: DialConferenceRoom }
    | { kind: "time-condition"; condition: DialTimeCondition }
    | { kind: "queue"; queue: DialCallQueue }
    | null;
  /** Domain routes first, then platform routes, each by priority: the order to try. */
  routes: DialRoute[];
  /** The tenant's abuse limits for this caller (they act on outbound calls). */
  limits: OutboundLimits;
  /** Pickup groups of the calling extension (for *8) and of the dialled or targeted extension. */
  pickupGroups: { caller: DialPickupGroup[]; local: DialPickupGroup[] };
  /** Null when the domain has no enabled parking lot. */
  parking: DialParkingLot | null;
  /** For `*22` only: the caller's agent status and how many queues it answers; null otherwise. */
  callerAgent: { status: AgentStatus; queues: number } | null;
};

export type InboundData = {
  did: string;
  domain: string;
  destType: DestinationType | null;
  destTarget: string | null;
};
