"use client";

import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { FormField } from "@/components/forms/FormField";

type FormProps<T extends FieldValues, O> = { form: UseFormReturn<T, unknown, O> };

/** The password an administrator sets on someone else's new login, to hand over once. */
export function TemporaryPasswordField<T extends FieldValues, O>({ form, name }: FormProps<T, O> & { name: Path<T> }) {
  return (
    <FormField
      form={form}
      name={name}
      label="Temporary password"
      type="password"
      autoComplete="new-password"
      hint="At least 10 characters. Share it securely."
    />
  );
}

type LoginValues = { email: string; name: string; password: string };

/** A new portal login (email, name, temporary password), at the top level of the form's values. */
export function NewLoginFields<T extends LoginValues, O>({ form }: FormProps<T, O>) {
  // The constraint guarantees these fields; react-hook-form cannot list the paths of a generic T.
  const path = (field: keyof LoginValues) => field as Path<T>;
  return (
    <>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <FormField form={form} name={path("email")} label="Email" type="email" autoComplete="off" />
        <FormField form={form} name={path("name")} label="Name" />
      </div>
      <TemporaryPasswordField form={form} name={path("password")} />
    </>
  );
}
