"use client";

import type { Path, UseFormReturn } from "react-hook-form";
import { FormField } from "@/components/forms/FormField";

type LimitValues = {
  maxExtensions?: number;
  maxConcurrentCalls?: number;
  maxConferenceRooms?: number;
  maxQueues?: number;
};

const LIMITS: { field: keyof LimitValues; label: string; hint?: string }[] = [
  { field: "maxExtensions", label: "Max extensions" },
  { field: "maxConcurrentCalls", label: "Max concurrent calls" },
  { field: "maxConferenceRooms", label: "Max conference rooms", hint: "0 turns conference rooms off for this tenant." },
  { field: "maxQueues", label: "Max call queues", hint: "0 turns call queues off for this tenant." },
];

/** A tenant's size limits, as set when it is created and changed later. */
export function DomainLimitFields<T extends LimitValues, O>({
  form,
  extensionsHint,
}: {
  form: UseFormReturn<T, unknown, O>;
  extensionsHint?: string;
}) {
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
      {LIMITS.map(({ field, label, hint }) => (
        <FormField
          key={field}
          form={form}
          // The constraint guarantees these fields; react-hook-form cannot list the paths of a generic T.
          name={field as Path<T>}
          options={{ valueAsNumber: true }}
          label={label}
          type="number"
          hint={field === "maxExtensions" ? extensionsHint : hint}
        />
      ))}
    </div>
  );
}
