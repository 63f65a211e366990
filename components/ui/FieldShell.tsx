import { useId, type ReactNode } from "react";
import { cn } from "./cn";

/** What the shell hands its control so the label, the error and assistive tech all point at it. */
export type ControlProps = {
  id: string;
  className: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
};

export const inputClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500 aria-[invalid=true]:ring-red-500";

type Props = {
  label: string;
  error?: string;
  hint?: ReactNode;
  id?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
};

/** A label above any single control, and its validation message (or hint) right under it. */
export function FieldShell({ label, error, hint, id, className, children }: Props) {
  const autoId = useId();
  const controlId = id ?? autoId;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={controlId} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children({
        id: controlId,
        className: inputClass,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": error ? `${controlId}-error` : undefined,
      })}
      {error ? (
        <p id={`${controlId}-error`} className="text-xs text-red-600" role="alert">
          {error}
        </p>
      ) : hint ? (
        <p className="text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
}
