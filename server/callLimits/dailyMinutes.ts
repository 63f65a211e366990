import type { DbTx } from "@/server/db/client";

export type MinutesUsed = { tenantSeconds: number; extensionSeconds: number };

/**
 * Billed seconds of today's (UTC) outbound calls of a tenant, and of one of its
 * extensions, from call_record. A call may have posted both legs: each call
 * (a-leg uuid) counts once, with its longest leg.
 */
export async function loadMinutesUsed(db: DbTx, domainId: string, extension: string | null): Promise<MinutesUsed> {
  const [row] = await db.$queryRaw<{ tenant: number; extension: number }[]>`
    SELECT COALESCE(SUM(c.bill), 0)::int AS tenant,
           COALESCE(SUM(c.bill) FILTER (WHERE c.ext = ${extension}::text), 0)::int AS extension
    FROM (
      SELECT MAX(bill_sec) AS bill, MAX(extension) AS ext
      FROM call_record
      WHERE domain_id = ${domainId} AND direction = 'OUTBOUND'
        AND started_at >= date_trunc('day', now() AT TIME ZONE 'UTC')
      GROUP BY a_leg_uuid
    ) c`;
  return { tenantSeconds: row?.tenant ?? 0, extensionSeconds: row?.extension ?? 0 };
}
