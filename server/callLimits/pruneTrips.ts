import type { DbTx } from "@/server/db/client";

/** Trips are evidence for notices and the "recent trips" lists; older ones go. */
export const TRIP_RETENTION_DAYS = 30;

/**
 * Deletes expired trips, oldest first, at most `batch` per call: trips are written in time
 * order, so the lowest ids are the oldest and one bounded walk of the primary key finds
 * them, however large the table grew during a flood of refused calls.
 */
export async function pruneTrips(db: DbTx, batch = 10_000): Promise<number> {
  return db.$executeRaw`
    DELETE FROM call_limit_trip WHERE id IN (
      SELECT id FROM (SELECT id, created_at FROM call_limit_trip ORDER BY id LIMIT ${batch}) oldest
      WHERE created_at < (now() AT TIME ZONE 'UTC') - make_interval(days => ${TRIP_RETENTION_DAYS}))`;
}
