import { z } from "zod";
import type { DestinationType } from "@/server/db/generated/enums";

export const DESTINATION_TYPES = [
  "EXTENSION",
  "RING_GROUP",
  "IVR_MENU",
  "TIME_CONDITION",
  "CONFERENCE",
  "QUEUE",
  "VOICEMAIL",
  "EXTERNAL",
  "HANGUP",
] as const;

export const DESTINATION_LABELS: Record<DestinationType, string> = {
  EXTENSION: "Extension",
  RING_GROUP: "Ring group",
  IVR_MENU: "IVR menu",
  TIME_CONDITION: "Business hours",
  CONFERENCE: "Conference room",
  QUEUE: "Call queue",
  VOICEMAIL: "Voicemail box",
  EXTERNAL: "Outside number",
  HANGUP: "Hang up",
};

const localNumber = /^[0-9]{2,10}$/;
const e164 = /^\+[1-9][0-9]{7,14}$/;

/** A public number: "+", then 8 to 15 digits. */
export const e164Schema = z.string().trim().regex(e164, "E.164 number, e.g. +15551234567");

/**
 * Where a call goes (DIDs, ring group fallback, IVR options and timeouts): a number
 * dialable in the domain, an E.164 number for EXTERNAL, nothing for HANGUP.
 */
export const destinationSchema = z
  .object({
    type: z.enum(DESTINATION_TYPES),
    target: z
      .string()
      .trim()
      .max(20)
      .nullable()
      .transform((t) => (t === "" ? null : t)),
  })
  .superRefine((d, ctx) => {
    if (d.type === "HANGUP") return;
    const ok = d.target !== null && (d.type === "EXTERNAL" ? e164 : localNumber).test(d.target);
    if (!ok) {
      ctx.addIssue({
        code: "custom",
        path: ["target"],
        message:
          d.type === "EXTERNAL" ? "E.164 number, e.g. +15551234567" : "The number in this domain (2 to 10 digits)",
      });
    }
  })
  .transform((d) => ({ type: d.type, target: d.type === "HANGUP" ? null : d.target }));

export type Destination = z.output<typeof destinationSchema>;
