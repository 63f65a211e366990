import { z } from "zod";
import { CallDirection, CallDisposition } from "@/server/db/generated/enums";

/**
 * What both CDR formats boil down to before any interpretation: the channel variables and
 * the original caller profile (the last callflow: FreeSWITCH lists the newest first, so the
 * last is what was dialled).
 */
export type RawCdr = {
  format: "json" | "xml";
  /** The `switchname` attribute/field of the CDR. */
  switchname: string | null;
  /**
   * As sent, i.e. URL-encoded (xml_cdr always, json_cdr with encode-values): a CDR has ~300
   * variables and a few dozen are read, so they are decoded when read (`decodeValue`).
   */
  variables: Readonly<Record<string, unknown>>;
  callerProfile: Record<string, string>;
};

/** Longest value kept from a variable; CDR variables like SDP bodies can be kilobytes. */
export const MAX_KEPT_VALUE = 256;

const text = (max: number) => z.string().max(max);
const uuid = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[0-9A-Za-z-]+$/, "a channel uuid");

/** One leg as it will be stored, before the tenant is known (that needs the database). */
export const cdrRecordSchema = z.object({
  callUuid: uuid,
  leg: z.enum(["a", "b"]),
  aLegUuid: uuid,
  /** The host that wrote the CDR (FreeSWITCH-Hostname, else switchname). */
  reportedHost: z.string().max(255).nullable(),
  switchname: z.string().max(255).nullable(),
  direction: z.enum(CallDirection),
  disposition: z.enum(CallDisposition),
  hangupCause: text(64).min(1, "a hangup cause"),
  callerNumber: text(128),
  callerName: text(128),
  destinationNumber: text(128),
  extension: text(64).nullable(),
  startedAt: z.date(),
  answeredAt: z.date().nullable(),
  endedAt: z.date(),
  durationSec: z.number().int().min(0),
  billSec: z.number().int().min(0),
  /** Domain names the call itself names, most trustworthy first (never the public caller's From host). */
  domainHints: z.array(z.string().max(253)).max(8),
  /** The number dialled on an inbound public call (a-leg), to find the DID's owner. */
  inboundDialed: z.string().max(128).nullable(),
  variables: z.record(z.string(), z.string().max(MAX_KEPT_VALUE)),
});

export type CdrRecord = z.infer<typeof cdrRecordSchema>;
