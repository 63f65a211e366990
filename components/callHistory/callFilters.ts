import type { CallDirection, CallDisposition } from "@/server/db/generated/enums";

/** The filter boxes of a call-history page; "" = not filtered. Dates are whole days (UTC). */
export type CallFilterValues = {
  search: string;
  direction: CallDirection | "";
  disposition: CallDisposition | "";
  extension: string;
  from: string;
  to: string;
};

export const NO_CALL_FILTERS: CallFilterValues = {
  search: "",
  direction: "",
  disposition: "",
  extension: "",
  from: "",
  to: "",
};

/** The same filters as a query string, for the CSV download link (empty ones left out). */
export function csvHref(path: string, filters: Record<string, string | boolean | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
