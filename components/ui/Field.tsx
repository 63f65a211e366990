import { forwardRef, type InputHTMLAttributes, type ReactNode } from "react";
import { FieldShell } from "./FieldShell";

export { inputClass } from "./FieldShell";

type FieldProps = InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: ReactNode };

/** A labelled input with its validation message right under it. */
export const Field = forwardRef<HTMLInputElement, FieldProps>(function Field(
  { label, error, hint, className, id, ...props },
  ref,
) {
  return (
    <FieldShell label={label} error={error} hint={hint} id={id} className={className}>
      {(control) => <input ref={ref} {...control} {...props} />}
    </FieldShell>
  );
});
