import type { DbTx } from "@/server/db/client";
import { queryRows } from "@/server/db/plainPool";
import type { DialParkingLot, DialPickupGroup } from "@/server/dialplan/callData";

type Row = {
  firstSlot: number | null;
  lastSlot: number | null;
  timeoutSeconds: number | null;
  memberNumbers: string[];
  groupIds: string[];
  groupNames: string[];
};

// One row whatever matches: the enabled lot's columns (null without one) and the memberships as
// three arrays in one order (text arrays read alike through both drivers; see queryRows).
// Both sides of a membership are checked against the domain: it can never lead into another tenant.
const statement = {
  name: "xmlcurl_pickup_parking",
  text: `WITH m AS (
    SELECT e.number, g.id, g.name
    FROM "PickupGroupMember" pm
    JOIN "PickupGroup" g ON g.id = pm."pickupGroupId" AND g."domainId" = $1
    JOIN "Extension" e ON e.id = pm."extensionId" AND e."domainId" = $1
    WHERE e.number = ANY($2::text[]) AND e.enabled
  )
  SELECT p."firstSlot", p."lastSlot", p."timeoutSeconds",
    ARRAY(SELECT number FROM m ORDER BY name, id, number) AS "memberNumbers",
    ARRAY(SELECT id FROM m ORDER BY name, id, number) AS "groupIds",
    ARRAY(SELECT name FROM m ORDER BY name, id, number) AS "groupNames"
  FROM (SELECT 1) one LEFT JOIN "ParkingLot" p ON p."domainId" = $1 AND p.enabled`,
};

export type PickupParking = {
  /** Pickup groups of each asked extension number, by group name. */
  groupsOf: (number: string | undefined) => DialPickupGroup[];
  parking: DialParkingLot | null;
};

/** Pickup groups of some extensions of one domain and its enabled parking lot: one prepared statement. */
export async function loadPickupParking(db: DbTx, domainId: string, numbers: string[]): Promise<PickupParking> {
  const [row] = await queryRows<Row>(db, statement, [domainId, numbers]);
  const byNumber = new Map<string, DialPickupGroup[]>();
  row?.memberNumbers.forEach((number, i) => {
    byNumber.set(number, [...(byNumber.get(number) ?? []), { id: row.groupIds[i]!, name: row.groupNames[i]! }]);
  });
  const parking =
    row && row.firstSlot !== null && row.lastSlot !== null && row.timeoutSeconds !== null
      ? { firstSlot: row.firstSlot, lastSlot: row.lastSlot, timeoutSeconds: row.timeoutSeconds }
      : null;
  return { groupsOf: (number) => (number === undefined ? [] : (byNumber.get(number) ?? [])), parking };
}
