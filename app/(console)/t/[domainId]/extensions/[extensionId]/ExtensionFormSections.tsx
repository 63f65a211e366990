"use client";

import type { ReactNode } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { CheckboxField } from "@/components/forms/CheckboxField";
import { FormField } from "@/components/forms/FormField";
import type { updateExtensionSchema } from "@/server/extensions/schemas";
import { ForwardingFields } from "./ForwardingFields";

export type ExtensionFormInput = z.input<typeof updateExtensionSchema>;
type ExtensionForm = UseFormReturn<ExtensionFormInput, unknown, z.output<typeof updateExtensionSchema>>;
type SectionProps = { form: ExtensionForm };

const CODECS = ["OPUS", "G722", "PCMU", "PCMA", "G729"] as const;
const TOLL_CLASSES = [
  { value: "local", label: "Local" },
  { value: "domestic", label: "Domestic" },
  { value: "international", label: "International" },
] as const;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 className="mb-4 text-base font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

export function GeneralSection({ form }: SectionProps) {
  return (
    <Section title="General">
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField form={form} name="displayName" label="Display name" />
        <FormField
          form={form}
          name="maxCalls"
          label="Concurrent calls"
          type="number"
          hint="0 = no per-extension limit"
          options={{ valueAsNumber: true }}
        />
        <FormField form={form} name="cidr" label="Allowed source network (optional)" placeholder="203.0.113.0/24" />
      </div>
    </Section>
  );
}

export function CallerIdSection({ form }: SectionProps) {
  return (
    <Section title="Caller ID">
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField form={form} name="internalCallerIdName" label="Internal name" />
        <FormField form={form} name="internalCallerIdNumber" label="Internal number" />
        <FormField form={form} name="externalCallerIdName" label="External name" />
        <FormField form={form} name="externalCallerIdNumber" label="External number" placeholder="+15551230001" />
      </div>
    </Section>
  );
}

export function VoicemailSection({ form }: SectionProps) {
  return (
    <Section title="Voicemail">
      <div className="grid gap-4 sm:grid-cols-2">
        <CheckboxField label="Voicemail enabled" {...form.register("voicemailEnabled")} />
        <div />
        <FormField form={form} name="voicemailEmail" label="Notification email" type="email" />
        <FormField
          form={form}
          name="voicemailPin"
          label="New voicemail PIN"
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          hint="Leave empty to keep the current PIN."
          options={{ setValueAs: (v: string) => (v === "" ? undefined : v) }}
        />
      </div>
    </Section>
  );
}

export function ForwardingSection({ form }: SectionProps) {
  return (
    <Section title="Forwarding and do not disturb">
      <ForwardingFields register={(name, options) => form.register(name, options)} errors={form.formState.errors} />
    </Section>
  );
}

export function CallingSection({ form }: SectionProps) {
  return (
    <Section title="Calling">
      <div className="grid gap-6 sm:grid-cols-3">
        <fieldset className="space-y-2">
          <legend className="mb-1 text-sm font-medium text-slate-700">May dial</legend>
          {TOLL_CLASSES.map((t) => (
            <CheckboxField key={t.value} label={t.label} value={t.value} {...form.register("tollAllow")} />
          ))}
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="mb-1 text-sm font-medium text-slate-700">Codecs</legend>
          {CODECS.map((c) => (
            <CheckboxField key={c} label={c} value={c} {...form.register("codecs")} />
          ))}
          {form.formState.errors.codecs && (
            <p className="text-xs text-red-600" role="alert">
              Choose at least one codec
            </p>
          )}
        </fieldset>
        <CheckboxField label="Record calls" {...form.register("recordCalls")} />
      </div>
    </Section>
  );
}
