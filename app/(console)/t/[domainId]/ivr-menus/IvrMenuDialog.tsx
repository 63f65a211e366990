"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect } from "react";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { DestinationFields, useDestinationSuggestions } from "@/components/forms/DestinationFields";
import { DialogFooter } from "@/components/forms/DialogFooter";
import { FormField } from "@/components/forms/FormField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { createIvrMenuSchema } from "@/server/ivrMenus/schemas";
import type { IvrMenuView } from "@/server/ivrMenus/service";

type FormInput = z.input<typeof createIvrMenuSchema>;
type FormOutput = z.output<typeof createIvrMenuSchema>;
type Props = { domainId: string; editing: IvrMenuView | "new" | null; onClose: () => void };

const EMPTY: FormInput = {
  number: "",
  name: "",
  greeting: "",
  timeoutSeconds: 10,
  maxFailures: 3,
  invalid: { type: "HANGUP", target: "" },
  timeout: { type: "HANGUP", target: "" },
  options: [{ digits: "1", destination: { type: "EXTENSION", target: "" } }],
};

/** Where a caller goes when the menu cannot route them by key. */
const FALLBACKS = [
  { key: "invalid", label: "After wrong keys" },
  { key: "timeout", label: "When no key is pressed" },
] as const;

function valuesOf(menu: IvrMenuView): FormInput {
  return {
    number: menu.number,
    name: menu.name,
    greeting: menu.greeting,
    timeoutSeconds: menu.timeoutSeconds,
    maxFailures: menu.maxFailures,
    invalid: { type: menu.invalidType, target: menu.invalidTarget ?? "" },
    timeout: { type: menu.timeoutType, target: menu.timeoutTarget ?? "" },
    options: menu.options.map((o) => ({
      digits: o.digits,
      destination: { type: o.destType, target: o.destTarget ?? "" },
    })),
  };
}

export function IvrMenuDialog({ domainId, editing, onClose }: Props) {
  const trpc = useTRPC();
  const suggestions = useDestinationSuggestions(domainId);
  const existing = editing !== null && editing !== "new" ? editing : null;
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createIvrMenuSchema),
    defaultValues: EMPTY,
  });
  const options = useFieldArray({ control: form.control, name: "options" });

  useEffect(() => {
    form.reset(existing ? valuesOf(existing) : EMPTY);
  }, [existing, editing, form]);

  const feedback = {
    success: (saved: IvrMenuView) => `IVR menu ${saved.name} saved`,
    onDone: onClose,
    invalidate: [trpc.ivrMenus.list.queryKey()],
    setError: form.setError,
  };
  const create = useToastMutation(trpc.ivrMenus.create.mutationOptions(), feedback);
  const update = useToastMutation(trpc.ivrMenus.update.mutationOptions(), feedback);
  const errors = form.formState.errors;
  const watched = useWatch({ control: form.control });

  return (
    <Dialog
      open={editing !== null}
      onOpenChange={(open) => !open && onClose()}
      title={existing ? `Edit IVR menu ${existing.number}` : "New IVR menu"}
      description="Callers hear the greeting and press a key; each key sends them somewhere."
    >
      <form
        noValidate
        className="space-y-4"
        onSubmit={form.handleSubmit((v) =>
          existing ? update.mutate({ ...v, id: existing.id, domainId }) : create.mutate({ ...v, domainId }),
        )}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField form={form} name="number" label="Number" inputMode="numeric" placeholder="700" />
          <FormField form={form} name="name" label="Name" placeholder="Main menu" />
        </div>
        <FormField
          form={form}
          name="greeting"
          label="Greeting"
          placeholder="say:Welcome to Acme. For sales press 1."
          hint="A sound file (ivr/ivr-welcome.wav) or say: followed by text to speak."
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField
            form={form}
            name="timeoutSeconds"
            label="Wait for a key (seconds)"
            type="number"
            options={{ valueAsNumber: true }}
          />
          <FormField
            form={form}
            name="maxFailures"
            label="Attempts before giving up"
            type="number"
            options={{ valueAsNumber: true }}
          />
        </div>
        <fieldset className="space-y-3 rounded-lg bg-slate-50 p-3">
          <legend className="text-sm font-medium text-slate-700">Keys</legend>
          {options.fields.length === 0 && (
            <p className="text-sm text-slate-500">No keys yet: callers can only time out.</p>
          )}
          {options.fields.map((field, i) => (
            <div
              key={field.id}
              className="flex flex-wrap items-start gap-3 border-b border-slate-200 pb-3 last:border-0"
            >
              <FormField form={form} name={`options.${i}.digits`} className="w-20" label="Key" />
              <div className="min-w-60 flex-1">
                <DestinationFields
                  label="Goes to"
                  type={watched.options?.[i]?.destination?.type ?? "HANGUP"}
                  typeField={form.register(`options.${i}.destination.type`)}
                  targetField={form.register(`options.${i}.destination.target`)}
                  targetError={errors.options?.[i]?.destination?.target?.message}
                  suggestions={suggestions}
                />
              </div>
              <Button
                type="button"
                size="sm"
                variant="ghost"
                className="mt-6"
                aria-label={`Remove key ${i + 1}`}
                onClick={() => options.remove(i)}
              >
                Remove
              </Button>
            </div>
          ))}
          {errors.options?.message && (
            <p className="text-xs text-red-600" role="alert">
              {errors.options.message}
            </p>
          )}
          <Button
            type="button"
            size="sm"
            variant="secondary"
            onClick={() =>
              options.append({
                digits: String(Math.min(options.fields.length + 1, 9)),
                destination: { type: "EXTENSION", target: "" },
              })
            }
          >
            Add key
          </Button>
        </fieldset>
        {FALLBACKS.map(({ key, label }) => (
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
          submitLabel={existing ? "Save changes" : "Create IVR menu"}
          busy={create.isPending || update.isPending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
