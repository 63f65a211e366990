"use client";

import { useController, type Control, type FieldValues, type Path } from "react-hook-form";
import { WEEKDAY_NAMES } from "@/server/timeConditions/schemas";

/** Monday first, as people read a week; stored as Sunday = 0 … Saturday = 6. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

/** The days a range of business hours applies to, as toggles. */
export function WeekdayPicker<T extends FieldValues>({
  control,
  name,
  error,
}: {
  control: Control<T>;
  name: Path<T>;
  error?: string;
}) {
  const { field } = useController({ control, name });
  const days = (field.value ?? []) as number[];
  return (
    <div>
      <div className="flex flex-wrap gap-1" role="group" aria-label="Days">
        {WEEK_ORDER.map((day) => {
          const on = days.includes(day);
          return (
            <button
              key={day}
              type="button"
              aria-pressed={on}
              onClick={() => field.onChange(on ? days.filter((d) => d !== day) : [...days, day])}
              className={`rounded-md px-2 py-1 text-xs font-medium ring-1 ${on ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300"}`}
            >
              {WEEKDAY_NAMES[day]}
            </button>
          );
        })}
      </div>
      {error && (
        <p className="mt-1 text-xs text-red-600" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
