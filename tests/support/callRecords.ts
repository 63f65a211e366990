import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db/client";
import type { CallDirection, CallDisposition } from "@/server/db/generated/enums";

export type TestLeg = {
  domainId: string | null;
  startedAt: Date;
  callerNumber: string;
  destinationNumber: string;
  callerName?: string;
  direction?: CallDirection;
  disposition?: CallDisposition;
  hangupCause?: string;
  extension?: string | null;
  nodeId?: string | null;
  billSec?: number;
  durationSec?: number;
  variables?: Record<string, string>;
};

/** A call as FreeSWITCH would leave it: an a-leg and optional b-legs sharing its uuid as a_leg_uuid. */
export type TestCall = TestLeg & { bLegs?: Partial<TestLeg>[] };

/** Stores calls the way the CDR ingest does (one row per leg); returns each call's a-leg uuid. */
export async function insertCalls(db: Db, calls: TestCall[]): Promise<string[]> {
  const ids: string[] = [];
  const rows = calls.flatMap(({ bLegs = [], ...a }) => {
    const aUuid = randomUUID();
    ids.push(aUuid);
    return [
      { ...a, leg: "a", callUuid: aUuid },
      ...bLegs.map((b) => ({ ...a, ...b, leg: "b", callUuid: randomUUID() })),
    ].map((leg) => {
      const billSec = leg.billSec ?? (leg.disposition === "ANSWERED" ? 30 : 0);
      const durationSec = leg.durationSec ?? billSec + 5;
      return {
        callUuid: leg.callUuid,
        leg: leg.leg,
        aLegUuid: aUuid,
        domainId: leg.domainId,
        nodeId: leg.nodeId ?? null,
        direction: leg.direction ?? "INTERNAL",
        disposition: leg.disposition ?? "ANSWERED",
        hangupCause: leg.hangupCause ?? "NORMAL_CLEARING",
        callerNumber: leg.callerNumber,
        callerName: leg.callerName ?? "",
        destinationNumber: leg.destinationNumber,
        extension: leg.extension ?? null,
        startedAt: leg.startedAt,
        answeredAt: billSec > 0 ? new Date(leg.startedAt.getTime() + 5000) : null,
        endedAt: new Date(leg.startedAt.getTime() + durationSec * 1000),
        durationSec,
        billSec,
        variables: leg.variables ?? { sip_hangup_disposition: "send_bye" },
      };
    });
  });
  // One statement over a JSON array: Prisma's createMany takes seconds for a few thousand rows.
  await db.$executeRaw`
    INSERT INTO call_record (call_uuid, leg, a_leg_uuid, domain_id, node_id, direction, disposition, hangup_cause,
      caller_number, caller_name, destination_number, extension, started_at, answered_at, ended_at, duration_sec,
      bill_sec, variables)
    SELECT x."callUuid", x.leg, x."aLegUuid", x."domainId", x."nodeId", x.direction::"CallDirection",
      x.disposition::"CallDisposition", x."hangupCause", x."callerNumber", x."callerName", x."destinationNumber",
      x.extension, x."startedAt", x."answeredAt", x."endedAt", x."durationSec", x."billSec", x.variables
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x("callUuid" text, leg text, "aLegUuid" text,
      "domainId" text, "nodeId" text, direction text, disposition text, "hangupCause" text, "callerNumber" text,
      "callerName" text, "destinationNumber" text, extension text, "startedAt" timestamp, "answeredAt" timestamp,
      "endedAt" timestamp, "durationSec" int, "billSec" int, variables jsonb)`;
  return ids;
}
