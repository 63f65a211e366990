"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { DestinationFields, useDestinationSuggestions } from "@/components/forms/DestinationFields";
import { DialogFooter } from "@/components/forms/DialogFooter";
import { FormField } from "@/components/forms/FormField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { EditorDialog } from "@/components/tenant/EditorDialog";
import { createTimeConditionSchema } from "@/server/timeConditions/schemas";
import type { TimeConditionView } from "@/server/timeConditions/service";
import { WeekdayPicker } from "./WeekdayPicker";

type FormInput = z.input<typeof createTimeConditionSchema>;
type FormOutput = z.output<typeof createTimeConditionSchema>;
/** `null` closes the dialog; "new" creates; business hours edit them. */
type Props = { domainId: string; editing: TimeConditionView | "new" | null; onClose: () => void };

const OFFICE_HOURS = { days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00" };
const EMPTY: FormInput = {
  number: "",
  name: "",
  weeklyHours: [OFFICE_HOURS],
  holidays: [],
  open: { type: "EXTENSION", target: "" },
  closed: { type: "VOICEMAIL", target: "" },
};

function valuesOf(c: TimeConditionView): FormInput {
  return {
    number: c.number,
    name: c.name,
    weeklyHours: c.weeklyHours,
    holidays: c.holidays,
    open: { type: c.open.type, target: c.open.target ?? "" },
    closed: { type: c.closed.type, target: c.closed.target ?? "" },
  };
}

export function BusinessHoursDialog({ domainId, editing, onClose }: Props) {
  return (
    <EditorDialog
      editing={editing}
      onClose={onClose}
      title={(x) => (x ? `Edit business hours ${x.number}` : "New business hours")}
      description="Calls to this number go one way while you are open and another way after hours and on holidays."
      form={(x) => <BusinessHoursForm domainId={domainId} existing={x} onClose={onClose} />}
    />
  );
}

function BusinessHoursForm({
  domainId,
  existing,
  onClose,
}: {
  domainId: string;
  existing: TimeConditionView | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const suggestions = useDestinationSuggestions(domainId);
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createTimeConditionSchema),
    defaultValues: existing ? valuesOf(existing) : EMPTY,
  });
  const hours = useFieldArray({ control: form.control, name: "weeklyHours" });
  const holidays = useFieldArray({ control: form.control, name: "holidays" });
  const watched = useWatch({ control: form.control });
  const errors = form.formState.errors;
  const feedback = {
    success: (saved: TimeConditionView) => `Business hours ${saved.name} saved`,
    onDone: onClose,
    invalidate: [trpc.timeConditions.list.queryKey()],
    setError: form.setError,
  };
  const create = useToastMutation(trpc.timeConditions.create.mutationOptions(), feedback);
  const update = useToastMutation(trpc.timeConditions.update.mutationOptions(), feedback);

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit((v) =>
        existing ? update.mutate({ ...v, id: existing.id, domainId }) : create.mutate({ ...v, domainId }),
      )}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField form={form} name="number" label="Number" inputMode="numeric" placeholder="800" />
        <FormField form={form} name="name" label="Name" placeholder="Office hours" />
      </div>
      <fieldset className="space-y-3 rounded-lg bg-slate-50 p-3">
        <legend className="text-sm font-medium text-slate-700">Open</legend>
        {hours.fields.length === 0 && <p className="text-sm text-slate-500">No hours: always closed.</p>}
        {hours.fields.map((field, i) => (
          <div key={field.id} className="flex flex-wrap items-start gap-3 border-b border-slate-200 pb-3 last:border-0">
            <div className="min-w-56 flex-1 pt-6">
              <WeekdayPicker
                control={form.control}
                name={`weeklyHours.${i}.days`}
                error={errors.weeklyHours?.[i]?.days?.message}
              />
            </div>
            <FormField form={form} name={`weeklyHours.${i}.start`} className="w-24" label="From" placeholder="09:00" />
            <FormField form={form} name={`weeklyHours.${i}.end`} className="w-24" label="Until" placeholder="18:00" />
            <Button
              type="button"
              size="sm"
              variant="ghost"
              className="mt-6"
              aria-label={`Remove hours ${i + 1}`}
              onClick={() => hours.remove(i)}
            >
              Remove
            </Button>
          </div>
        ))}
        <p className="text-xs text-slate-500">
          &ldquo;Until&rdquo; is not included; 22:00 until 06:00 runs past midnight.
        </p>
        <Button type="button" size="sm" variant="secondary" onClick={() => hours.append(OFFICE_HOURS)}>
          Add hours
        </Button>
      </fieldset>
      <fieldset className="space-y-3 rounded-lg bg-slate-50 p-3">
        <legend className="text-sm font-medium text-slate-700">Holidays (closed all day)</legend>
        {holidays.fields.map((field, i) => (
          <div key={field.id} className="flex flex-wrap items-start gap-3">
            <FormField form={form} name={`holidays.${i}.date`} className="w-36" label="Date" placeholder="2026-12-25" />
            <FormField form={form} name={`holidays.${i}.label`} className="min-w-40 flex-1" label="Name" />
            <Button
              type="button"
              size="sm"
              variant="ghost"
              className="mt-6"
              aria-label={`Remove holiday ${i + 1}`}
              onClick={() => holidays.remove(i)}
            >
              Remove
            </Button>
          </div>
        ))}
        {errors.holidays?.message && (
          <p className="text-xs text-red-600" role="alert">
            {errors.holidays.message}
          </p>
        )}
        <Button type="button" size="sm" variant="secondary" onClick={() => holidays.append({ date: "", label: "" })}>
          Add holiday
        </Button>
      </fieldset>
      {(
        [
          { key: "open", label: "While open" },
          { key: "closed", label: "While closed" },
        ] as const
      ).map(({ key, label }) => (
        <DestinationFields
          key={key}
          label={label}
          type={watched[key]?.type ?? "HANGUP"}
          typeField={form.register(`${key}.type`)}
          targetField={form.register(`${key}.target`)}
          targetError={errors[key]?.target?.message}
          suggestions={suggestions}
        />
      ))}
      <DialogFooter
        submitLabel={existing ? "Save changes" : "Create business hours"}
        busy={create.isPending || update.isPending}
        onCancel={onClose}
      />
    </form>
  );
}
