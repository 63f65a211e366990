import type { ReactNode } from "react";
import { inputClass } from "./FieldShell";
import { cn } from "./cn";

/** The row of filters above a list; wraps on narrow screens. */
export function ListFilters({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cn("mb-4 flex flex-wrap gap-3", className)}>{children}</div>;
}

type InputProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  type?: "text" | "date";
  /** Show the label beside the box: a date box has no placeholder to say which date it is. */
  visibleLabel?: boolean;
};

/** A typed filter (search text, a date); by default the label is for screen readers and the placeholder says what it matches. */
export function FilterInput({ label, value, onChange, placeholder, type = "text", visibleLabel = false }: InputProps) {
  const input = (
    <input
      type={type}
      className={cn(inputClass, visibleLabel ? "min-w-0" : "max-w-sm")}
      placeholder={placeholder}
      aria-label={visibleLabel ? undefined : label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
  if (!visibleLabel) return input;
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600">
      {label}
      {input}
    </label>
  );
}

type SelectProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The first option, value "": no filtering. */
  anyLabel: string;
  options: { value: string; label: string }[];
  className?: string;
};

export function FilterSelect({ label, value, onChange, anyLabel, options, className = "w-full sm:w-48" }: SelectProps) {
  return (
    <div className={className}>
      <select className={inputClass} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
