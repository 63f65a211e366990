import type { Prisma } from "@/server/db/generated/client";
import type { Holiday, TimeRules, WeeklyHours } from "@/server/dialplan/timeCondition";

/**
 * The rules of a stored row. Its JSON columns are only ever written from the zod-checked
 * schemas (server/timeConditions/schemas.ts), so they are read back as those shapes.
 */
export function timeRulesOf(row: {
  weeklyHours: Prisma.JsonValue;
  holidays: Prisma.JsonValue;
  closedNow: boolean;
}): TimeRules {
  return {
    weeklyHours: (row.weeklyHours ?? []) as WeeklyHours[],
    holidays: (row.holidays ?? []) as Holiday[],
    closedNow: row.closedNow,
  };
}
