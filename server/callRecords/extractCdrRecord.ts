import { z } from "zod";
import { PUBLIC_CONTEXT } from "@/server/dialplan/planCall";
import type { CallDirection, CallDisposition } from "@/server/db/generated/enums";
import { CdrParseError, decodeValue } from "./cdrParseError";
import { cdrRecordSchema, MAX_KEPT_VALUE, type CdrRecord, type RawCdr } from "./cdrRecord";

/** Variables kept for the detail view; the rest of a CDR (SDP, flags, stats) is not stored. */
const KEPT_VARIABLES = [
  "sip_hangup_disposition",
  "sip_term_status",
  "sip_term_cause",
  "proto_specific_hangup_cause",
  "hangup_cause_q850",
  "bridge_hangup_cause",
  "last_bridge_hangup_cause",
  "originate_disposition",
  "endpoint_disposition",
  "last_app",
  "last_arg",
  "sip_gateway_name",
  "sofia_profile_name",
  "sip_user_agent",
  "sip_network_ip",
  "sip_call_id",
  "sip_from_user",
  "sip_to_user",
  "sip_req_user",
  "dialed_user",
  "dialed_domain",
  "domain_name",
  "presence_id",
  "accountcode",
  "effective_caller_id_number",
  "effective_caller_id_name",
  "rtp_use_codec_name",
  "bridge_uuid",
  "originating_leg_uuid",
  "billmsec",
  "progresssec",
  "waitsec",
  "sb_route_as",
] as const;

/** Every variable this file reads; only these are decoded (a CDR has ~300). */
const READ_VARIABLES = [
  ...KEPT_VARIABLES,
  "uuid",
  "call_uuid",
  "originator",
  "start_uepoch",
  "answer_uepoch",
  "end_uepoch",
  "duration",
  "billsec",
  "hangup_cause",
  "user_name",
  "sip_auth_username",
  "sip_auth_realm",
  "sip_from_host",
  "current_application_data",
  "caller_id_number",
  "caller_id_name",
  "destination_number",
  "FreeSWITCH-Hostname",
] as const;

type Variables = Partial<Record<(typeof READ_VARIABLES)[number], string>>;

function readVariables(raw: Readonly<Record<string, unknown>>): Variables {
  const out: Variables = {};
  for (const key of READ_VARIABLES) {
    const value = raw[key];
    if (typeof value === "string") out[key] = decodeValue(value);
    else if (typeof value === "number") out[key] = String(value);
  }
  return out;
}

/** Causes that mean nobody picked up (as opposed to a failure or a busy line). */
const NO_ANSWER_CAUSES = new Set([
  "NO_ANSWER",
  "NO_USER_RESPONSE",
  "ORIGINATOR_CANCEL",
  "LOSE_RACE",
  "PICKED_OFF",
  "ALLOTTED_TIMEOUT",
]);
const BUSY_CAUSES = new Set(["USER_BUSY"]);

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** A domain-looking name (not an IP address), lower-cased; anything else is no hint. */
function domainName(value: string | undefined): string | null {
  if (!value) return null;
  const name = value.trim().toLowerCase().replace(/\.$/, "");
  return HOSTNAME.test(name) ? name : null;
}

const domainPart = (value: string | undefined) =>
  value?.includes("@") ? value.slice(value.lastIndexOf("@") + 1) : undefined;

/** Microseconds since the epoch (FreeSWITCH's *_uepoch), "0" meaning never. */
function fromMicros(value: string | undefined): Date | null {
  if (!value || !/^\d{1,19}$/.test(value) || value === "0") return null;
  return new Date(Math.floor(Number(value) / 1000));
}

function wholeSeconds(value: string | undefined): number | null {
  return value && /^\d{1,10}$/.test(value) ? Number(value) : null;
}

const nonEmpty = (...values: (string | undefined)[]) => values.find((v) => v !== undefined && v !== "");

/** Free text from the call (a caller's display name is the caller's choice) is cut, never a reason to refuse the CDR. */
const clip = (value: string | undefined, max: number) => (value === undefined ? undefined : value.slice(0, max));

function callDirection(v: Variables, context: string | undefined, leg: "a" | "b"): CallDirection {
  if (context === PUBLIC_CONTEXT) return "INBOUND";
  const bridgedTo = leg === "a" ? (nonEmpty(v.last_arg, v.current_application_data) ?? "") : "";
  if ((leg === "b" && nonEmpty(v.sip_gateway_name)) || bridgedTo.includes("sofia/gateway/")) return "OUTBOUND";
  if (leg === "a" ? nonEmpty(v.user_name, v.sip_auth_username) : nonEmpty(v.dialed_user)) return "INTERNAL";
  return "UNKNOWN";
}

function callDisposition(answered: boolean, cause: string): CallDisposition {
  if (answered) return "ANSWERED";
  if (BUSY_CAUSES.has(cause)) return "BUSY";
  if (NO_ANSWER_CAUSES.has(cause)) return "NO_ANSWER";
  return "FAILED";
}

function keptVariables(v: Variables): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of KEPT_VARIABLES) {
    const value = v[key];
    if (value !== undefined && value !== "") out[key] = value.slice(0, MAX_KEPT_VALUE);
  }
  return out;
}

/**
 * One leg's record from a parsed CDR: which leg it is and how it links to the other,
 * direction, disposition, times, and the domain names it carries (fixtures:
 * ../shared/fixtures/freeswitch-ops/README.md). Pure; the tenant comes later.
 */
export function extractCdrRecord(raw: RawCdr): CdrRecord {
  const v = readVariables(raw.variables);
  const p = raw.callerProfile;
  const callUuid = nonEmpty(v.uuid, p.uuid, v.call_uuid);
  if (!callUuid) throw new CdrParseError("the CDR has no channel uuid");
  // A b-leg names the a-leg it was originated from; a busy b-leg is linked only that way.
  const originator = nonEmpty(v.originating_leg_uuid, v.originator);
  const leg = originator && originator !== callUuid ? "b" : "a";
  const context = nonEmpty(p.context);
  const isPublic = context === PUBLIC_CONTEXT;

  const startedAt = fromMicros(v.start_uepoch);
  if (!startedAt) throw new CdrParseError("the CDR has no start time (start_uepoch)");
  const answeredAt = fromMicros(v.answer_uepoch);
  const endedAt = fromMicros(v.end_uepoch) ?? startedAt;
  const cause = nonEmpty(v.hangup_cause) ?? "NONE";
  const direction = callDirection(v, context, leg);

  // A b-leg's own user_name is the callee's; its caller profile is the a-leg's.
  const callerExtension = leg === "a" ? nonEmpty(v.user_name, v.sip_auth_username, p.username) : nonEmpty(p.username);
  const calleeExtension = nonEmpty(v.dialed_user, leg === "b" ? p.destination_number : undefined);
  const extension = direction === "INBOUND" ? calleeExtension : direction === "UNKNOWN" ? undefined : callerExtension;

  // Public callers choose their own From host: on a public call only what our dialplan set counts.
  const hints = isPublic
    ? [v.domain_name, v.dialed_domain]
    : [v.domain_name, v.sip_auth_realm, v.dialed_domain, domainPart(v.presence_id), context, v.sip_from_host];
  const domainHints = [...new Set(hints.map(domainName).filter((h): h is string => h !== null))];

  const record = {
    callUuid,
    leg,
    aLegUuid: leg === "b" ? originator : callUuid,
    reportedHost: clip(nonEmpty(v["FreeSWITCH-Hostname"]), 255) ?? null,
    switchname: clip(raw.switchname ?? undefined, 255) ?? null,
    direction,
    disposition: callDisposition(answeredAt !== null, cause),
    hangupCause: clip(cause, 64),
    callerNumber: clip(nonEmpty(p.caller_id_number, v.caller_id_number, v.sip_from_user), 128) ?? "",
    callerName: clip(nonEmpty(p.caller_id_name, v.caller_id_name), 128) ?? "",
    destinationNumber: clip(nonEmpty(p.destination_number, v.destination_number, v.sip_req_user), 128) ?? "",
    extension: clip(extension, 64) ?? null,
    startedAt,
    answeredAt,
    endedAt,
    durationSec: wholeSeconds(v.duration) ?? Math.max(0, Math.round((endedAt.getTime() - startedAt.getTime()) / 1000)),
    billSec:
      wholeSeconds(v.billsec) ??
      (answeredAt ? Math.max(0, Math.round((endedAt.getTime() - answeredAt.getTime()) / 1000)) : 0),
    domainHints,
    inboundDialed: isPublic && leg === "a" ? (clip(nonEmpty(p.destination_number), 128) ?? null) : null,
    variables: keptVariables(v),
  };
  const parsed = cdrRecordSchema.safeParse(record);
  if (!parsed.success)
    throw new CdrParseError(`the CDR does not describe a call: ${z.prettifyError(parsed.error).replace(/\n/g, "; ")}`);
  return parsed.data;
}
