"use client";

import type { InputHTMLAttributes, ReactNode } from "react";
import type { FieldValues, Path, RegisterOptions, UseFormReturn } from "react-hook-form";
import { Field } from "@/components/ui/Field";

type Props<T extends FieldValues, O> = Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "form"> & {
  form: UseFormReturn<T, unknown, O>;
  name: Path<T>;
  label: string;
  hint?: ReactNode;
  /** register() options, e.g. `{ valueAsNumber: true }` for a number input. */
  options?: RegisterOptions<T, Path<T>>;
};

/** A Field bound to one form field by name: registers it and shows that field's own validation error. */
export function FormField<T extends FieldValues, O>({ form, name, options, ...props }: Props<T, O>) {
  const { error } = form.getFieldState(name, form.formState);
  return <Field error={error?.message} {...props} {...form.register(name, options)} />;
}
