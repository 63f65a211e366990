import { z } from "zod";
import { extensionNumberSchema } from "@/server/extensions/schemas";
import { destinationSchema } from "@/server/shared/destinationSchema";
import { idSchema } from "@/server/shared/id";
import { pageInputSchema } from "@/server/shared/pagination";

/** Sunday = 0 … Saturday = 6, as Date.getDay. */
export const WEEKDAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

/** "HH:MM" → minutes after midnight. */
export function minuteOfDay(hhmm: string): number {
  const [h = "0", m = "0"] = hhmm.split(":");
  return Number(h) * 60 + Number(m);
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** A phone flips a domain's business hours to "closed now" and back by dialling this and their number. */
export const CLOSED_NOW_TOGGLE_CODE = "*31";

/** An IANA zone name the runtime knows, e.g. Europe/Berlin. */
export const timeZoneSchema = z
  .string()
  .trim()
  .min(1, "Required")
  .max(64)
  .refine(isTimeZone, "Not a known time zone (IANA name, e.g. Europe/Berlin)");

const clockTime = z
  .string()
  .trim()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/, "HH:MM, 00:00 to 24:00");

export const weeklyHoursSchema = z
  .object({
    days: z
      .array(z.number().int().min(0).max(6))
      .min(1, "Pick at least one day")
      .max(7, "A week has 7 days")
      .refine((d) => new Set(d).size === d.length, "A day only once")
      .transform((d) => [...d].sort((a, b) => a - b)),
    start: clockTime,
    end: clockTime,
  })
  // An end at or before the start runs past midnight (22:00–06:00); equal times would be all or nothing.
  .refine((w) => minuteOfDay(w.start) % 1440 !== minuteOfDay(w.end) % 1440, {
    path: ["end"],
    message: "Must differ from the start",
  });

const isCalendarDate = (d: string) => {
  const parsed = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(d);
};

export const holidaySchema = z.object({
  date: z
    .string()
    .trim()
    .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, "YYYY-MM-DD")
    .refine(isCalendarDate, "Not a calendar date"),
  label: z.string().trim().max(60),
});

const timeConditionFields = z.object({
  number: extensionNumberSchema,
  name: z.string().trim().min(1, "Required").max(100),
  weeklyHours: z.array(weeklyHoursSchema).max(21, "At most 21 ranges"),
  holidays: z
    .array(holidaySchema)
    .max(100, "At most 100 dates")
    .refine((h) => new Set(h.map((x) => x.date)).size === h.length, "A date only once"),
  /** Where calls go while open, and while closed (after hours, holidays, closed now). */
  open: destinationSchema,
  closed: destinationSchema,
});

export const createTimeConditionSchema = timeConditionFields;
export const updateTimeConditionSchema = timeConditionFields.extend({ id: idSchema });
export const setClosedNowSchema = z.object({ id: idSchema, closedNow: z.boolean() });
export const listTimeConditionsSchema = pageInputSchema;
export const setTimeZoneSchema = z.object({ timeZone: timeZoneSchema });

export type CreateTimeConditionInput = z.infer<typeof createTimeConditionSchema>;
export type UpdateTimeConditionInput = z.infer<typeof updateTimeConditionSchema>;
export type SetClosedNowInput = z.infer<typeof setClosedNowSchema>;
export type ListTimeConditionsInput = z.infer<typeof listTimeConditionsSchema>;
export type SetTimeZoneInput = z.infer<typeof setTimeZoneSchema>;
