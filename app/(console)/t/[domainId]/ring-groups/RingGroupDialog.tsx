"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { DestinationFields, useDestinationSuggestions } from "@/components/forms/DestinationFields";
import { DialogFooter } from "@/components/forms/DialogFooter";
import { FormField } from "@/components/forms/FormField";
import { SelectField } from "@/components/forms/SelectField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { EditorDialog } from "@/components/tenant/EditorDialog";
import { createRingGroupSchema } from "@/server/ringGroups/schemas";
import type { RingGroupView } from "@/server/ringGroups/service";
import { MemberPicker, type Member } from "./MemberPicker";

type FormInput = z.input<typeof createRingGroupSchema>;
type FormOutput = z.output<typeof createRingGroupSchema>;
/** `null` closes the dialog; "new" creates; a group edits it. */
type Props = { domainId: string; editing: RingGroupView | "new" | null; onClose: () => void };

const EMPTY: FormInput = {
  number: "",
  name: "",
  strategy: "SIMULTANEOUS",
  ringTimeout: 30,
  fallback: { type: "HANGUP", target: "" },
  memberIds: [],
};

function valuesOf(group: RingGroupView): FormInput {
  return {
    number: group.number,
    name: group.name,
    strategy: group.strategy,
    ringTimeout: group.ringTimeout,
    fallback: { type: group.fallbackType, target: group.fallbackTarget ?? "" },
    memberIds: group.members.map((m) => m.extension.id),
  };
}

export function RingGroupDialog({ domainId, editing, onClose }: Props) {
  return (
    <EditorDialog
      editing={editing}
      onClose={onClose}
      title={(x) => (x ? `Edit ring group ${x.number}` : "New ring group")}
      description="Calls to the group's number ring its members; if nobody answers, the fallback takes the call."
      form={(x) => <RingGroupForm domainId={domainId} existing={x} onClose={onClose} />}
    />
  );
}

function RingGroupForm({
  domainId,
  existing,
  onClose,
}: {
  domainId: string;
  existing: RingGroupView | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const suggestions = useDestinationSuggestions(domainId);
  const [members, setMembers] = useState<Member[]>(existing ? existing.members.map((m) => m.extension) : []);
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createRingGroupSchema),
    defaultValues: existing ? valuesOf(existing) : EMPTY,
  });

  const feedback = {
    success: (saved: RingGroupView) => `Ring group ${saved.name} saved`,
    onDone: onClose,
    invalidate: [trpc.ringGroups.list.queryKey()],
    setError: form.setError,
  };
  const create = useToastMutation(trpc.ringGroups.create.mutationOptions(), feedback);
  const update = useToastMutation(trpc.ringGroups.update.mutationOptions(), feedback);
  const changeMembers = (next: Member[]) => {
    setMembers(next);
    form.setValue(
      "memberIds",
      next.map((m) => m.id),
      { shouldValidate: form.formState.isSubmitted },
    );
  };
  const errors = form.formState.errors;
  const fallbackType = useWatch({ control: form.control, name: "fallback.type" });
  const strategy = useWatch({ control: form.control, name: "strategy" });

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit((v) =>
        existing ? update.mutate({ ...v, id: existing.id, domainId }) : create.mutate({ ...v, domainId }),
      )}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField form={form} name="number" label="Number" inputMode="numeric" placeholder="600" />
        <FormField form={form} name="name" label="Name" placeholder="Sales" />
        <SelectField label="Strategy" error={errors.strategy?.message} {...form.register("strategy")}>
          <option value="SIMULTANEOUS">Ring all at once</option>
          <option value="SEQUENTIAL">One after another</option>
        </SelectField>
        <FormField
          form={form}
          name="ringTimeout"
          label="Ring timeout (seconds)"
          type="number"
          hint={strategy === "SEQUENTIAL" ? "Per member" : "For the whole group"}
          options={{ valueAsNumber: true }}
        />
      </div>
      <MemberPicker domainId={domainId} members={members} onChange={changeMembers} error={errors.memberIds?.message} />
      <DestinationFields
        label="If nobody answers"
        type={fallbackType}
        typeField={form.register("fallback.type")}
        targetField={form.register("fallback.target")}
        typeError={errors.fallback?.type?.message}
        targetError={errors.fallback?.target?.message}
        suggestions={suggestions}
      />
      <DialogFooter
        submitLabel={existing ? "Save changes" : "Create ring group"}
        busy={create.isPending || update.isPending}
        onCancel={onClose}
      />
    </form>
  );
}
