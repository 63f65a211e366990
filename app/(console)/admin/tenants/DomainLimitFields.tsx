"use client";

import type { Path, UseFormReturn } from "react-hook-form";
import { FormField } from "@/components/forms/FormField";

type LimitValues = {
  maxExtensions?: number;
  maxConcurrentCalls?: number;
  maxConferenceRooms?: number;
  maxQueues?: number;
};

/** A tenant's size limits, as set when it is created and changed later. */
export function DomainLimitFields<T extends LimitValues, O>({
  form,
  extensionsHint,
}: {
  form: UseFormReturn<T, unknown, O>;
  extensionsHint?: string;
}) {
  // The constraint guarantees these fields; react-hook-form cannot list the paths of a generic T.
  const path = (field: keyof LimitValues) => field as Path<T>;
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
      <FormField
        form={form}
        name={path("maxExtensions")}
        options={{ valueAsNumber: true }}
        label="Max extensions"
        type="number"
        hint={extensionsHint}
      />
      <FormField
        form={form}
        name={path("maxConcurrentCalls")}
        options={{ valueAsNumber: true }}
        label="Max concurrent calls"
        type="number"
      />
      <FormField
        form={form}
        name={path("maxConferenceRooms")}
        options={{ valueAsNumber: true }}
        label="Max conference rooms"
        type="number"
        hint="0 turns conference rooms off for this tenant."
      />
      <FormField
        form={form}
        name={path("maxQueues")}
        options={{ valueAsNumber: true }}
        label="Max call queues"
        type="number"
        hint="0 turns call queues off for this tenant."
      />
    </div>
  );
}
