// Business hours, judged by us per call rather than by FreeSWITCH's wday/time-of-day
// conditions: the node's clock and zone database stay out of it, the simulator shows the
// same decision the endpoint makes, and an answer is cached only until the branch can change.

import { minuteOfDay, WEEKDAY_NAMES } from "@/server/timeConditions/schemas";

/** Sunday = 0 … Saturday = 6, as Date.getDay. */
export type WeeklyHours = { days: number[]; start: string; end: string };
export type Holiday = { date: string; label: string };

export type TimeRules = { weeklyHours: WeeklyHours[]; holidays: Holiday[]; closedNow: boolean };

export type TimeBranch = {
  branch: "open" | "closed";
  /** Why, in the domain's local time: what the simulator shows. */
  reason: string;
  /** The next instant the branch may change; null = only an edit changes it. */
  validUntil: Date | null;
};

const MINUTES_PER_DAY = 24 * 60;
const MS_PER_MINUTE = 60_000;

type LocalTime = { date: string; weekday: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at `at`, and that wall clock read as if it were UTC (ms). */
function wallClock(at: Date, timeZone: string): { local: LocalTime; wallMs: number } {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return {
    local: { date, weekday: new Date(wallMs).getUTCDay(), minute: hour * 60 + minute, second },
    wallMs,
  };
}

const label = (w: WeeklyHours) => `${w.days.map((d) => WEEKDAY_NAMES[d]).join(",")} ${w.start}–${w.end}`;

/** The weekly range that holds the local time, if any (a range ending at or before its start runs past midnight). */
function openRange(rules: TimeRules, local: LocalTime): WeeklyHours | undefined {
  const yesterday = (local.weekday + 6) % 7;
  return rules.weeklyHours.find((w) => {
    const [start, end] = [minuteOfDay(w.start), minuteOfDay(w.end)];
    if (end > start) return w.days.includes(local.weekday) && local.minute >= start && local.minute < end;
    return (
      (w.days.includes(local.weekday) && local.minute >= start) || (w.days.includes(yesterday) && local.minute < end)
    );
  });
}

/**
 * The instant the wall clock next shows a range boundary or midnight. Converted through the
 * zone's offset now and at the first guess; the earlier of the two guesses is kept, so a DST
 * shift in between can only make the answer expire early, never late.
 */
function nextBoundary(rules: TimeRules, at: Date, timeZone: string, wallMs: number, local: LocalTime): Date {
  const nowMinute = local.minute;
  const boundaries = rules.weeklyHours.flatMap((w) => [minuteOfDay(w.start), minuteOfDay(w.end)]);
  const later = boundaries.filter((m) => m > nowMinute);
  const minutesAhead = later.length > 0 ? Math.min(...later) - nowMinute : MINUTES_PER_DAY - nowMinute;
  const targetWallMs = wallMs - local.second * 1000 + minutesAhead * MS_PER_MINUTE;
  const offsetNow = wallMs - at.getTime();
  const firstGuess = targetWallMs - offsetNow;
  const offsetThen = wallClock(new Date(firstGuess), timeZone).wallMs - firstGuess;
  return new Date(Math.min(firstGuess, targetWallMs - offsetThen));
}

/** Which branch a call at `at` takes, why, and until when that holds. */
export function evaluateTimeCondition(rules: TimeRules, at: Date, timeZone: string): TimeBranch {
  if (rules.closedNow) return { branch: "closed", reason: "switched to closed by hand", validUntil: null };
  const { local, wallMs } = wallClock(at, timeZone);
  const clock = `${WEEKDAY_NAMES[local.weekday]} ${local.date} ${String(Math.floor(local.minute / 60)).padStart(2, "0")}:${String(local.minute % 60).padStart(2, "0")}:${String(local.second).padStart(2, "0")} ${timeZone}`;
  const holiday = rules.holidays.find((h) => h.date === local.date);
  if (holiday) {
    const midnight = { ...rules, weeklyHours: [] };
    return {
      branch: "closed",
      reason: `${clock}: holiday${holiday.label ? ` (${holiday.label})` : ""}`,
      validUntil: nextBoundary(midnight, at, timeZone, wallMs, local),
    };
  }
  const range = openRange(rules, local);
  return {
    branch: range ? "open" : "closed",
    reason: range ? `${clock}: within ${label(range)}` : `${clock}: outside business hours`,
    validUntil: nextBoundary(rules, at, timeZone, wallMs, local),
  };
}

/**
 * The instant a wall-clock time "YYYY-MM-DDTHH:MM" happens in `timeZone` (the simulator's "at").
 * In a DST gap it is the instant an hour on; in an overlap, the earlier of the two.
 */
export function instantOfWallClock(wall: string, timeZone: string): Date {
  const wallMs = Date.parse(`${wall}:00Z`);
  const guess = wallMs - (wallClock(new Date(wallMs), timeZone).wallMs - wallMs);
  const corrected = wallMs - (wallClock(new Date(guess), timeZone).wallMs - guess);
  return new Date(Math.min(guess, corrected));
}
