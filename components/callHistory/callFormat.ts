import type { CallDirection, CallDisposition } from "@/server/db/generated/enums";

export const DIRECTION_LABELS: Record<CallDirection, string> = {
  INBOUND: "Inbound",
  OUTBOUND: "Outbound",
  INTERNAL: "Internal",
  UNKNOWN: "Unknown",
};

export const DISPOSITION_LABELS: Record<CallDisposition, string> = {
  ANSWERED: "Answered",
  BUSY: "Busy",
  NO_ANSWER: "No answer",
  FAILED: "Failed",
};

export const DISPOSITION_TONES = { ANSWERED: "green", BUSY: "amber", NO_ANSWER: "slate", FAILED: "red" } as const;

const options = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));

export const DIRECTION_OPTIONS = options(DIRECTION_LABELS);
export const DISPOSITION_OPTIONS = options(DISPOSITION_LABELS);

/** 0:07, 12:30, 1:02:03 — how long a call lasted, as a phone bill writes it. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
