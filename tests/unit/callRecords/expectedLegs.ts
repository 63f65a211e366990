import type { CdrRecord } from "@/server/callRecords/cdrRecord";

type Expected = Pick<
  CdrRecord,
  | "callUuid"
  | "aLegUuid"
  | "direction"
  | "disposition"
  | "hangupCause"
  | "callerNumber"
  | "destinationNumber"
  | "extension"
  | "billSec"
>;

const DOMAIN = "cap.example.com";

/**
 * What each captured leg is, read off the captures by hand (see the fixtures' README):
 * the scenario, who called whom, how it ended. Keyed by `<scenario>.<leg>`.
 */
export const EXPECTED_LEGS: Record<string, Expected & { hints: string[]; inboundDialed: string | null }> = {
  "01.a": leg(
    "87eb558d-98d8-49f2-a616-640392d6fd61",
    null,
    "INTERNAL",
    "ANSWERED",
    "NORMAL_CLEARING",
    "1001",
    "1002",
    "1001",
    3,
  ),
  "01.b": leg(
    "a5e15862-e724-45e8-bc92-01cb378a8f0c",
    "87eb558d-98d8-49f2-a616-640392d6fd61",
    "INTERNAL",
    "ANSWERED",
    "NORMAL_CLEARING",
    "1001",
    "1002",
    "1001",
    3,
  ),
  "02.a": leg("2663e8d6-ac0f-42e2-8acd-86c6c20fe02d", null, "INTERNAL", "BUSY", "USER_BUSY", "1001", "1002", "1001", 0),
  "02.b": leg(
    "3dd5412e-f3fe-43f8-8745-bc47d3685374",
    "2663e8d6-ac0f-42e2-8acd-86c6c20fe02d",
    "INTERNAL",
    "BUSY",
    "USER_BUSY",
    "1001",
    "1002",
    "1001",
    0,
  ),
  "03.a": leg(
    "b72d447d-5e9f-4676-8151-65165efa05a9",
    null,
    "INTERNAL",
    "FAILED",
    "USER_NOT_REGISTERED",
    "1001",
    "1003",
    "1001",
    0,
  ),
  "04.a": leg(
    "efa184ad-c016-4360-a286-c309619f3ae1",
    null,
    "OUTBOUND",
    "ANSWERED",
    "NORMAL_CLEARING",
    "1001",
    "12125551234",
    "1001",
    3,
  ),
  // The gateway b-leg names no domain at all: it gets its a-leg's tenant in the database.
  "04.b": {
    ...leg(
      "08e8bc35-eb5c-4758-bdc5-f420cacc404b",
      "efa184ad-c016-4360-a286-c309619f3ae1",
      "OUTBOUND",
      "ANSWERED",
      "NORMAL_CLEARING",
      "1001",
      "12125551234",
      "1001",
      3,
    ),
    hints: [],
  },
  "05.a": {
    ...leg(
      "85bd9c61-7171-41a3-b108-c4920b0e883f",
      null,
      "INBOUND",
      "ANSWERED",
      "NORMAL_CLEARING",
      "carrier",
      "15557770001",
      "1002",
      1,
    ),
    inboundDialed: "15557770001",
  },
  "05.b": leg(
    "c0552e42-1154-482d-a23e-f13e22225f13",
    "85bd9c61-7171-41a3-b108-c4920b0e883f",
    "INBOUND",
    "ANSWERED",
    "NORMAL_CLEARING",
    "carrier",
    "1002",
    "1002",
    1,
  ),
  "06.a": leg(
    "0a2f9ea3-5591-44b9-992b-5edb83f1172c",
    null,
    "INTERNAL",
    "ANSWERED",
    "NORMAL_CLEARING",
    "1001",
    "*981002",
    "1001",
    1,
  ),
  "07.a": leg(
    "8da8cf52-bace-4780-b1a6-87be1d8cce73",
    null,
    "INTERNAL",
    "ANSWERED",
    "NORMAL_CLEARING",
    "1001",
    "1002",
    "1001",
    10,
  ),
  "07.b": leg(
    "c3450d76-b713-43d0-85d7-6a22c68422e5",
    "8da8cf52-bace-4780-b1a6-87be1d8cce73",
    "INTERNAL",
    "ANSWERED",
    "NORMAL_CLEARING",
    "1001",
    "1002",
    "1001",
    10,
  ),
  "08.a": leg(
    "99050c92-91c2-49dd-856b-def4340ff776",
    null,
    "INTERNAL",
    "FAILED",
    "USER_NOT_REGISTERED",
    "1001",
    "1003",
    "1001",
    0,
  ),
  "09.a": leg(
    "cedd55b8-72a2-43c9-a980-d8a82c54c5e0",
    null,
    "INTERNAL",
    "FAILED",
    "USER_NOT_REGISTERED",
    "1001",
    "1003",
    "1001",
    0,
  ),
};

function leg(
  callUuid: string,
  aLegUuid: string | null,
  direction: Expected["direction"],
  disposition: Expected["disposition"],
  hangupCause: string,
  callerNumber: string,
  destinationNumber: string,
  extension: string | null,
  billSec: number,
) {
  return {
    callUuid,
    aLegUuid: aLegUuid ?? callUuid,
    direction,
    disposition,
    hangupCause,
    callerNumber,
    destinationNumber,
    extension,
    billSec,
    hints: [DOMAIN],
    inboundDialed: null,
  };
}
