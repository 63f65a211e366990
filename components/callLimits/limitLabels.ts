import type { CallLimitKind } from "@/server/db/generated/enums";
import { LIMIT_HANGUP_CAUSES } from "@/server/dialplan/callLimits";

/** What each limit kind is called in the console, and the hangup cause a refused call gets. */
export const LIMIT_KIND_LABELS: Record<CallLimitKind, string> = {
  CPS: "Calls per second",
  CONCURRENT: "Concurrent outbound calls",
  DESTINATION: "Destination not allowed",
  TENANT_MINUTES: "Tenant daily minutes",
  EXTENSION_MINUTES: "Extension daily minutes",
  BLOCKED: "Outbound calls blocked",
};

export const limitCause = (kind: CallLimitKind): string => LIMIT_HANGUP_CAUSES[kind];

export const utcTime = (d: Date) => `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
