import { z } from "zod";
import { CallDirection, CallDisposition } from "@/server/db/generated/enums";
import { idSchema } from "@/server/shared/id";

const blankIsUnset = <T extends z.ZodType>(schema: T) => schema.optional().or(z.literal("").transform(() => undefined));

/** A day (whole UTC day, as the date picker gives it) or an exact instant (API callers). */
const dayOrInstant = blankIsUnset(z.union([z.iso.date().max(10), z.iso.datetime({ offset: true }).max(40)]));

/**
 * The search filters shared by the tenant and platform lists and the CSV export.
 * `search`: digits (optionally with a leading +) match the start of the caller or dialled
 * number; anything else matches inside the caller's name.
 */
export const callFiltersSchema = z.object({
  from: dayOrInstant,
  to: dayOrInstant,
  search: blankIsUnset(z.string().trim().max(64)),
  direction: blankIsUnset(z.enum(CallDirection)),
  disposition: blankIsUnset(z.enum(CallDisposition)),
  extension: blankIsUnset(
    z
      .string()
      .trim()
      .max(32)
      .regex(/^[0-9A-Za-z*#+._-]+$/, "An extension number"),
  ),
});

/** Keyset position: the last row's exact start time (microseconds, as PostgreSQL keeps it) and id. */
export const callCursorSchema = z
  .string()
  .max(64)
  .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z~\d{1,19}$/, "A cursor from a previous page");

const pageFields = {
  cursor: blankIsUnset(callCursorSchema),
  pageSize: z.number().int().min(1).max(200).default(50),
};

export const listCallsSchema = callFiltersSchema.extend(pageFields);

/** Platform filters: one tenant, or only the records no tenant could be found for. */
const platformScope = {
  domainId: blankIsUnset(idSchema),
  unattributed: z.boolean().optional(),
};

export const platformCallFiltersSchema = callFiltersSchema.extend(platformScope);
export const listPlatformCallsSchema = platformCallFiltersSchema.extend(pageFields);

/** A call is named by its a-leg uuid (FreeSWITCH's uuid of the first channel). */
export const getCallSchema = z.object({ callId: z.string().trim().min(1).max(64) });

export type CallFilters = z.infer<typeof callFiltersSchema>;
export type PlatformCallFilters = z.infer<typeof platformCallFiltersSchema>;
export type ListCallsInput = z.infer<typeof listCallsSchema>;
export type ListPlatformCallsInput = z.infer<typeof listPlatformCallsSchema>;
