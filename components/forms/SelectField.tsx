import { forwardRef, type ReactNode, type SelectHTMLAttributes } from "react";
import { FieldShell } from "@/components/ui/FieldShell";

type Props = SelectHTMLAttributes<HTMLSelectElement> & { label: string; error?: string; hint?: ReactNode };

/** A labelled native select (keyboard and screen-reader friendly) with its error under it. */
export const SelectField = forwardRef<HTMLSelectElement, Props>(function SelectField(
  { label, error, hint, className, children, id, ...props },
  ref,
) {
  return (
    <FieldShell label={label} error={error} hint={hint} id={id} className={className}>
      {(control) => (
        <select ref={ref} {...control} {...props}>
          {children}
        </select>
      )}
    </FieldShell>
  );
});
