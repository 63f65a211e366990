import type { DestinationType } from "@/server/db/generated/enums";
import { dialableNumber } from "./dialSafety";

/** Where a DID, IVR option, timeout or fallback sends a call, as one FreeSWITCH step. */
export type DestinationStep = { app: "transfer"; number: string } | { app: "hangup"; cause: string };

/** Leaving a voicemail for box N is dialled as `*99N` in the domain context (see featureCodes.ts). */
export const VOICEMAIL_DEPOSIT_PREFIX = "*99";

export function destinationStep(type: DestinationType | null, target: string | null | undefined): DestinationStep {
  const number = dialableNumber(target);
  if (type === null || type === "HANGUP" || number === null) return { app: "hangup", cause: "NORMAL_CLEARING" };
  if (type === "VOICEMAIL") return { app: "transfer", number: `${VOICEMAIL_DEPOSIT_PREFIX}${number}` };
  // Every other type (extension, ring group, IVR, business hours, conference room, outside
  // number) is a number the domain context resolves.
  return { app: "transfer", number };
}

/** The application + data FreeSWITCH runs for a step, in `context`. */
export function destinationApp(step: DestinationStep, context: string): { app: string; data: string } {
  return step.app === "hangup"
    ? { app: "hangup", data: step.cause }
    : { app: "transfer", data: `${step.number} XML ${context}` };
}
