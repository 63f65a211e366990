import type { CallData, DialExtension } from "@/server/dialplan/callData";
import { DEFAULT_OUTBOUND_LIMITS } from "@/server/dialplan/callLimits";

/** A plain extension of tenant1.example; `overrides` change what a test is about. */
export function extension(number: string, overrides: Partial<DialExtension> = {}): DialExtension {
  return {
    number,
    displayName: `Ext ${number}`,
    voicemailEnabled: true,
    internalCallerIdName: null,
    internalCallerIdNumber: null,
    externalCallerIdName: "Tenant One",
    externalCallerIdNumber: "+4930123456",
    forwardAlways: { enabled: false, target: null },
    forwardBusy: { enabled: false, target: null },
    forwardNoAnswer: { enabled: false, target: null },
    noAnswerTimeout: 25,
    dnd: false,
    maxCalls: 4,
    recordCalls: false,
    tollAllow: ["local", "domestic"],
    ...overrides,
  };
}

/** A call from extension 1001 in tenant1.example unless overridden. */
export function callData(overrides: Partial<CallData>): CallData {
  return {
    domain: { name: "tenant1.example", maxConcurrentCalls: 10, timeZone: "UTC", holdMusic: null },
    now: new Date("2026-12-01T12:00:00Z"),
    identity: { kind: "extension", extension: extension("1001") },
    local: null,
    routes: [],
    limits: DEFAULT_OUTBOUND_LIMITS,
    pickupGroups: { caller: [], local: [] },
    parking: null,
    callerAgent: null,
    ...overrides,
  };
}
