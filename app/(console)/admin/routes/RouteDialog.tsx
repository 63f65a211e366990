"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { applyServerErrors } from "@/components/forms/serverErrors";
import { CheckboxField } from "@/components/forms/CheckboxField";
import { DialogFooter } from "@/components/forms/DialogFooter";
import { Dialog } from "@/components/ui/Dialog";
import { FormField } from "@/components/forms/FormField";
import { createRouteSchema } from "@/server/routes/schemas";
import type { RouteView, TrunkChoice } from "@/server/routes/service";
import { TrunkOrderField } from "./TrunkOrderField";

type FormInput = z.input<typeof createRouteSchema>;
export type RouteFormOutput = z.output<typeof createRouteSchema>;

type Props = {
  route: RouteView | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  choices: TrunkChoice[];
  busy: boolean;
  /** Resolves on success; rejects with the tRPC error, which is put next to its field. */
  onSave: (values: RouteFormOutput) => Promise<unknown>;
  onError: (message: string) => void;
};

const blank: FormInput = {
  name: "",
  priority: 100,
  pattern: "",
  stripDigits: 0,
  prepend: "",
  callerIdNumber: "",
  trunkIds: [],
  enabled: true,
};

export function RouteDialog({ route, open, onOpenChange, choices, busy, onSave, onError }: Props) {
  const form = useForm<FormInput, unknown, RouteFormOutput>({
    resolver: zodResolver(createRouteSchema),
    values: route
      ? { ...route, callerIdNumber: route.callerIdNumber ?? "", trunkIds: route.trunks.map((t) => t.trunk.id) }
      : blank,
  });
  const errors = form.formState.errors;
  const trunkIds = useWatch({ control: form.control, name: "trunkIds" });
  const submit = async (values: RouteFormOutput) => {
    try {
      await onSave(values);
      form.reset();
      onOpenChange(false);
    } catch (error) {
      const message = applyServerErrors(error, form.setError);
      if (message) onError(message);
    }
  };
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={route ? `Edit ${route.name}` : "New outbound route"}
      description="Dialled numbers matching the pattern leave through these trunks."
    >
      <form noValidate className="space-y-4" onSubmit={form.handleSubmit(submit)}>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          <FormField form={form} name="name" label="Name" className="sm:col-span-2" placeholder="North America" />
          <FormField
            form={form}
            name="priority"
            options={{ valueAsNumber: true }}
            label="Priority"
            type="number"
            hint="Lower first"
          />
        </div>
        <FormField
          form={form}
          name="pattern"
          label="Pattern"
          placeholder="_1NXXNXXXXXX"
          hint="X = 0-9, Z = 1-9, N = 2-9, [1-5] a class, trailing . = one or more, ! = zero or more; or an exact number."
        />
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          <FormField
            form={form}
            name="stripDigits"
            options={{ valueAsNumber: true }}
            label="Strip digits"
            type="number"
          />
          <FormField form={form} name="prepend" label="Prepend" placeholder="+1" />
          <FormField form={form} name="callerIdNumber" label="Caller ID override" placeholder="+15551230000" />
        </div>
        <TrunkOrderField
          value={trunkIds}
          onChange={(ids) => form.setValue("trunkIds", ids, { shouldValidate: form.formState.isSubmitted })}
          choices={choices}
          error={errors.trunkIds?.message}
        />
        <CheckboxField label="Enabled" {...form.register("enabled")} />
        <DialogFooter
          submitLabel={route ? "Save route" : "Create route"}
          busy={busy}
          onCancel={() => onOpenChange(false)}
        />
      </form>
    </Dialog>
  );
}
