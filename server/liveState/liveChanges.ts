import type { FsEvent } from "@/server/cluster/esl/eslEvent";

/** The events a node's event connection subscribes to (the captured streams used the same, minus CHANNEL_BRIDGE). */
export const LIVE_EVENT_NAMES = [
  "HEARTBEAT",
  "CHANNEL_CREATE",
  "CHANNEL_ANSWER",
  "CHANNEL_BRIDGE",
  "CHANNEL_HANGUP_COMPLETE",
  "CUSTOM",
  "sofia::register",
  "sofia::unregister",
  "sofia::expire",
];

export type RegistrationRow = {
  realm: string;
  user: string;
  contact: string;
  callId: string;
  userAgent: string;
  networkIp: string;
  networkPort: number;
  profile: string;
  expiresAt: Date;
};

export type LiveChannelState = "RINGING" | "ANSWERED" | "BRIDGED" | "HELD";

export type ChannelRow = {
  uuid: string;
  callUuid: string;
  direction: string;
  callerNumber: string;
  callerName: string;
  destinationNumber: string;
  state: LiveChannelState;
  createdAt: Date;
  answeredAt: Date | null;
  /** Names that may be the tenant's SIP domain, most specific first; the store keeps the first known one. */
  domainCandidates: string[];
};

export type Heartbeat = { uptimeSec: number | null; sessionCount: number | null; cpuIdle: number | null };

/** What one event means for the live state. */
export type LiveChange =
  | { kind: "register"; registration: RegistrationRow }
  | { kind: "unregister"; realm: string; user: string; contact: string; callId: string }
  | { kind: "channel"; channel: ChannelRow }
  | { kind: "hangup"; uuid: string }
  | { kind: "heartbeat"; heartbeat: Heartbeat };

/** `"" <sip:1001@127.0.0.1:5493;transport=UDP>` → `sip:1001@127.0.0.1:5493;transport=UDP`. */
export function contactUri(contact: string): string {
  const m = /<([^>]*)>/.exec(contact);
  return (m ? m[1]! : contact).trim();
}

function int(value: string | undefined): number | null {
  if (value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : null;
}

/** FreeSWITCH times are microseconds since the epoch; "0" means "not yet". */
export function microsToDate(value: string | undefined): Date | null {
  const n = int(value);
  return n && n > 0 ? new Date(Math.floor(n / 1000)) : null;
}

function hostOf(presenceId: string | undefined): string | undefined {
  const at = presenceId?.lastIndexOf("@") ?? -1;
  return at >= 0 ? presenceId!.slice(at + 1) : undefined;
}

export function uniqueNames(names: (string | undefined)[]): string[] {
  return [...new Set(names.filter((n): n is string => !!n).map((n) => n.toLowerCase()))];
}

function channelFrom(h: Record<string, string>, state: LiveChannelState): ChannelRow | null {
  const uuid = h["Unique-ID"];
  if (!uuid) return null;
  return {
    uuid,
    callUuid: h["Channel-Call-UUID"] || uuid,
    direction: h["Call-Direction"] ?? "",
    callerNumber: h["Caller-Caller-ID-Number"] ?? "",
    callerName: h["Caller-Caller-ID-Name"] ?? "",
    destinationNumber: h["Caller-Destination-Number"] ?? "",
    state,
    createdAt: microsToDate(h["Caller-Channel-Created-Time"]) ?? microsToDate(h["Event-Date-Timestamp"]) ?? new Date(),
    answeredAt: microsToDate(h["Caller-Channel-Answered-Time"]),
    // a-legs carry domain_name; user/ b-legs dialed_domain and presence; gateway b-legs none (they inherit the a-leg's).
    domainCandidates: uniqueNames([
      h["variable_domain_name"],
      h["variable_dialed_domain"],
      hostOf(h["Channel-Presence-ID"]),
      h["variable_sip_auth_realm"],
    ]),
  };
}

/**
 * Registration expiry is counted from when we receive the event, not from the node's clock:
 * sofia sends it as the REGISTER is accepted, and a node's clock may be off.
 */
function registrationFrom(h: Record<string, string>, receivedAt: Date): RegistrationRow | null {
  const user = h["username"] || h["user"] || h["from-user"];
  const realm = h["realm"] || h["host"] || h["from-host"];
  const contact = h["contact"];
  if (!user || !realm || !contact) return null;
  return {
    realm: realm.toLowerCase(),
    user,
    contact: contactUri(contact),
    callId: h["call-id"] ?? "",
    userAgent: h["user-agent"] ?? "",
    networkIp: h["network-ip"] ?? "",
    networkPort: int(h["network-port"]) ?? 0,
    profile: h["profile-name"] ?? "",
    expiresAt: new Date(receivedAt.getTime() + (int(h["expires"]) ?? 0) * 1000),
  };
}

/** Turns a parsed event into a live-state change; null for events that change nothing here. */
export function liveChangeOf(event: FsEvent, receivedAt: Date): LiveChange | null {
  const h = event.headers;
  switch (event.name) {
    case "HEARTBEAT": {
      const uptimeMs = int(h["Uptime-msec"]);
      const cpu = h["Idle-CPU"] !== undefined ? Number(h["Idle-CPU"]) : NaN;
      return {
        kind: "heartbeat",
        heartbeat: {
          uptimeSec: uptimeMs === null ? null : Math.floor(uptimeMs / 1000),
          sessionCount: int(h["Session-Count"]),
          cpuIdle: Number.isFinite(cpu) ? cpu : null,
        },
      };
    }
    case "CHANNEL_CREATE":
    case "CHANNEL_ANSWER":
    case "CHANNEL_BRIDGE": {
      const state: LiveChannelState =
        event.name === "CHANNEL_BRIDGE"
          ? "BRIDGED"
          : event.name === "CHANNEL_ANSWER" || h["Answer-State"] === "answered"
            ? "ANSWERED"
            : "RINGING";
      const channel = channelFrom(h, state);
      return channel ? { kind: "channel", channel } : null;
    }
    case "CHANNEL_HANGUP_COMPLETE":
      return h["Unique-ID"] ? { kind: "hangup", uuid: h["Unique-ID"] } : null;
    case "CUSTOM": {
      if (event.subclass === "sofia::register") {
        const registration = registrationFrom(h, receivedAt);
        return registration ? { kind: "register", registration } : null;
      }
      if (event.subclass === "sofia::unregister" || event.subclass === "sofia::expire") {
        const r = registrationFrom(h, receivedAt);
        return r ? { kind: "unregister", realm: r.realm, user: r.user, contact: r.contact, callId: r.callId } : null;
      }
      return null;
    }
    default:
      return null;
  }
}
