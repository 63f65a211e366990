import { forwardRef, type InputHTMLAttributes } from "react";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { label: string; hint?: string };

export const CheckboxField = forwardRef<HTMLInputElement, Props>(function CheckboxField(
  { label, hint, ...props },
  ref,
) {
  return (
    <label className="flex items-start gap-2 text-sm text-slate-700">
      <input ref={ref} type="checkbox" className="mt-0.5 size-4 rounded border-slate-300" {...props} />
      <span>
        {label}
        {hint && <span className="block text-xs text-slate-500">{hint}</span>}
      </span>
    </label>
  );
});
