import type { Prisma } from "@/server/db/generated/client";
import type { DialExtension } from "@/server/dialplan/callData";

/** The extension columns the dialplan and the directory both read. */
export const dialExtensionSelect = {
  number: true,
  displayName: true,
  enabled: true,
  voicemailEnabled: true,
  internalCallerIdName: true,
  internalCallerIdNumber: true,
  externalCallerIdName: true,
  externalCallerIdNumber: true,
  forwardAlwaysEnabled: true,
  forwardAlwaysTarget: true,
  forwardBusyEnabled: true,
  forwardBusyTarget: true,
  forwardNoAnswerEnabled: true,
  forwardNoAnswerTarget: true,
  noAnswerTimeout: true,
  dnd: true,
  maxCalls: true,
  recordCalls: true,
  tollAllow: true,
} as const;

export type DialExtensionRow = Prisma.ExtensionGetPayload<{ select: typeof dialExtensionSelect }>;

/** An enabled extension as the dialplan sees it; null when missing or disabled. */
export function dialExtensionOf(x: DialExtensionRow | null): DialExtension | null {
  if (!x || !x.enabled) return null;
  return {
    number: x.number,
    displayName: x.displayName,
    voicemailEnabled: x.voicemailEnabled,
    internalCallerIdName: x.internalCallerIdName,
    internalCallerIdNumber: x.internalCallerIdNumber,
    externalCallerIdName: x.externalCallerIdName,
    externalCallerIdNumber: x.externalCallerIdNumber,
    forwardAlways: { enabled: x.forwardAlwaysEnabled, target: x.forwardAlwaysTarget },
    forwardBusy: { enabled: x.forwardBusyEnabled, target: x.forwardBusyTarget },
    forwardNoAnswer: { enabled: x.forwardNoAnswerEnabled, target: x.forwardNoAnswerTarget },
    noAnswerTimeout: x.noAnswerTimeout,
    dnd: x.dnd,
    maxCalls: x.maxCalls,
    recordCalls: x.recordCalls,
    tollAllow: x.tollAllow,
  };
}
