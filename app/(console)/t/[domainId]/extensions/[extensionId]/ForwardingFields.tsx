"use client";

import type { UseFormRegisterReturn } from "react-hook-form";
import type { z } from "zod";
import { CheckboxField } from "@/components/forms/CheckboxField";
import { Field } from "@/components/ui/Field";
import type { extensionSelfSettingsSchema } from "@/server/extensions/schemas";
import type { ExtensionView } from "@/server/extensions/service";

type ForwardingKey = keyof z.input<typeof extensionSelfSettingsSchema>;
export type RegisterForwarding = (
  name: ForwardingKey,
  options?: { setValueAs: (v: string) => string | null } | { valueAsNumber: true },
) => UseFormRegisterReturn;
/** Any form holding these fields: the admin's extension editor and the end user's own page. */
type Props = { register: RegisterForwarding; errors: Partial<Record<ForwardingKey, { message?: string }>> };

// An empty box means "no target", which the schema spells null.
const emptyToNull = (v: string) => (v === "" ? null : v);

const KINDS = [
  { kind: "Always", label: "Forward all calls", hint: "The phone does not ring at all." },
  { kind: "Busy", label: "Forward when busy", hint: "When the phone is already on its call limit." },
  {
    kind: "NoAnswer",
    label: "Forward when not answered",
    hint: "After the ring time below; otherwise voicemail answers.",
  },
] as const;

/** The saved forwarding and do-not-disturb settings, as form values for these fields. */
export function forwardingValuesOf(e: ExtensionView) {
  return {
    forwardAlwaysEnabled: e.forwardAlwaysEnabled,
    forwardAlwaysTarget: e.forwardAlwaysTarget,
    forwardBusyEnabled: e.forwardBusyEnabled,
    forwardBusyTarget: e.forwardBusyTarget,
    forwardNoAnswerEnabled: e.forwardNoAnswerEnabled,
    forwardNoAnswerTarget: e.forwardNoAnswerTarget,
    noAnswerTimeout: e.noAnswerTimeout,
    dnd: e.dnd,
  };
}

/** Call forwarding and do-not-disturb: the same fields for admins and for people editing their own phone. */
export function ForwardingFields({ register, errors }: Props) {
  return (
    <div className="space-y-4">
      <CheckboxField label="Do not disturb" hint="Calls go straight to voicemail." {...register("dnd")} />
      {KINDS.map(({ kind, label, hint }) => (
        <div key={kind} className="grid items-start gap-3 sm:grid-cols-2">
          <CheckboxField label={label} hint={hint} {...register(`forward${kind}Enabled`)} />
          <Field
            label={`${label}: to`}
            placeholder="1002 or +15551234567"
            inputMode="tel"
            error={errors[`forward${kind}Target`]?.message}
            {...register(`forward${kind}Target`, { setValueAs: emptyToNull })}
          />
        </div>
      ))}
      <Field
        label="Ring time before no-answer (seconds)"
        type="number"
        className="max-w-xs"
        error={errors.noAnswerTimeout?.message}
        {...register("noAnswerTimeout", { valueAsNumber: true })}
      />
    </div>
  );
}
