"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { CheckboxField } from "@/components/forms/CheckboxField";
import { DestinationFields, useDestinationSuggestions } from "@/components/forms/DestinationFields";
import { DialogFooter } from "@/components/forms/DialogFooter";
import { FormField } from "@/components/forms/FormField";
import { SelectField } from "@/components/forms/SelectField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { EditorDialog, type Editing } from "@/components/tenant/EditorDialog";
import { inputClass } from "@/components/ui/Field";
import { createCallQueueSchema, QUEUE_STRATEGIES, QUEUE_STRATEGY_LABELS } from "@/server/callQueues/schemas";
import type { CallQueueView } from "@/server/callQueues/service";
import { MemberPicker, type Member } from "../ring-groups/MemberPicker";

type FormInput = z.input<typeof createCallQueueSchema>;
type FormOutput = z.output<typeof createCallQueueSchema>;
type Agent = Member & { level: number };

const EMPTY: FormInput = {
  number: "",
  name: "",
  strategy: "LONGEST_IDLE_AGENT",
  maxWaitSeconds: 300,
  noAgentWaitSeconds: 0,
  tierWaitSeconds: 30,
  record: false,
  fallback: { type: "VOICEMAIL", target: "" },
  agents: [],
};

function valuesOf(q: CallQueueView): FormInput {
  return {
    number: q.number,
    name: q.name,
    strategy: q.strategy,
    maxWaitSeconds: q.maxWaitSeconds,
    noAgentWaitSeconds: q.noAgentWaitSeconds,
    tierWaitSeconds: q.tierWaitSeconds,
    record: q.record,
    fallback: { type: q.fallbackType, target: q.fallbackTarget ?? "" },
    agents: q.agents.map((a) => ({ extensionId: a.extension.id, level: a.level })),
  };
}

export function CallQueueDialog({
  domainId,
  editing,
  onClose,
}: {
  domainId: string;
  editing: Editing<CallQueueView>;
  onClose: () => void;
}) {
  return (
    <EditorDialog
      editing={editing}
      onClose={onClose}
      title={(q) => (q ? `Edit call queue ${q.number}` : "New call queue")}
      description="Callers wait with hold music until an agent answers; after the longest wait they go to the fallback."
      form={(q) => <CallQueueForm domainId={domainId} existing={q} onClose={onClose} />}
    />
  );
}

function CallQueueForm({
  domainId,
  existing,
  onClose,
}: {
  domainId: string;
  existing: CallQueueView | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const suggestions = useDestinationSuggestions(domainId);
  const [agents, setAgents] = useState<Agent[]>(
    existing ? existing.agents.map((a) => ({ ...a.extension, level: a.level })) : [],
  );
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createCallQueueSchema),
    defaultValues: existing ? valuesOf(existing) : EMPTY,
  });
  const feedback = {
    success: (saved: CallQueueView) => `Call queue ${saved.name} saved`,
    onDone: onClose,
    invalidate: [trpc.callQueues.list.queryKey(), trpc.callQueues.agents.queryKey()],
    setError: form.setError,
  };
  const create = useToastMutation(trpc.callQueues.create.mutationOptions(), feedback);
  const update = useToastMutation(trpc.callQueues.update.mutationOptions(), feedback);
  const changeAgents = (next: Agent[]) => {
    setAgents(next);
    form.setValue(
      "agents",
      next.map((a) => ({ extensionId: a.id, level: a.level })),
      { shouldValidate: form.formState.isSubmitted },
    );
  };
  const errors = form.formState.errors;
  const fallbackType = useWatch({ control: form.control, name: "fallback.type" });

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
        <FormField form={form} name="name" label="Name" placeholder="Support" />
        <SelectField label="Strategy" error={errors.strategy?.message} {...form.register("strategy")}>
          {QUEUE_STRATEGIES.map((s) => (
            <option key={s} value={s}>
              {QUEUE_STRATEGY_LABELS[s]}
            </option>
          ))}
        </SelectField>
        <FormField
          form={form}
          name="maxWaitSeconds"
          label="Longest wait (seconds)"
          type="number"
          hint="Then the fallback takes the call; 0 for no limit."
          options={{ valueAsNumber: true }}
        />
        <FormField
          form={form}
          name="noAgentWaitSeconds"
          label="Wait with nobody logged in (seconds)"
          type="number"
          hint="0: callers wait even when no agent is logged in."
          options={{ valueAsNumber: true }}
        />
        <FormField
          form={form}
          name="tierWaitSeconds"
          label="Seconds per level"
          type="number"
          hint="How long level 1 is tried before level 2 is offered calls too."
          options={{ valueAsNumber: true }}
        />
      </div>
      <MemberPicker
        domainId={domainId}
        members={agents}
        onChange={(next) =>
          changeAgents(next.map((m) => ({ ...m, level: agents.find((a) => a.id === m.id)?.level ?? 1 })))
        }
        error={errors.agents?.message ?? errors.agents?.root?.message}
        legend="Agents, in order within each level"
        memberControl={(m) => (
          // inputClass is full width: the wrapper sets the width.
          <div className="w-28 shrink-0">
            <select
              aria-label={`Level of ${m.number}`}
              className={`${inputClass} py-1`}
              value={agents.find((a) => a.id === m.id)?.level ?? 1}
              onChange={(e) =>
                changeAgents(agents.map((a) => (a.id === m.id ? { ...a, level: Number(e.target.value) } : a)))
              }
            >
              {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((level) => (
                <option key={level} value={level}>
                  Level {level}
                </option>
              ))}
            </select>
          </div>
        )}
      />
      <DestinationFields
        label="After the longest wait"
        type={fallbackType}
        typeField={form.register("fallback.type")}
        targetField={form.register("fallback.target")}
        typeError={errors.fallback?.type?.message}
        targetError={errors.fallback?.target?.message}
        suggestions={suggestions}
      />
      <CheckboxField
        label="Record queue calls"
        hint="Answered calls, into the tenant's recordings."
        {...form.register("record")}
      />
      <DialogFooter
        submitLabel={existing ? "Save changes" : "Create call queue"}
        busy={create.isPending || update.isPending}
        onCancel={onClose}
      />
    </form>
  );
}
