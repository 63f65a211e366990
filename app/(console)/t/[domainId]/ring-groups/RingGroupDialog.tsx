"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { SelectField } from "@/app/(console)/admin/_components/SelectField";
import { DestinationFields, useDestinationSuggestions } from "@/components/forms/DestinationFields";
import { applyServerErrors } from "@/components/forms/serverErrors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { Field } from "@/components/ui/Field";
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
  const existing = editing !== null && editing !== "new" ? editing : null;
  return (
    <Dialog
      open={editing !== null}
      onOpenChange={(open) => !open && onClose()}
      title={existing ? `Edit ring group ${existing.number}` : "New ring group"}
      description="Calls to the group's number ring its members; if nobody answers, the fallback takes the call."
    >
      {/* Keyed, so each opening starts from the group's saved values. */}
      <RingGroupForm key={existing?.id ?? "new"} domainId={domainId} existing={existing} onClose={onClose} />
    </Dialog>
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
  const queryClient = useQueryClient();
  const suggestions = useDestinationSuggestions(domainId);
  const [members, setMembers] = useState<Member[]>(existing ? existing.members.map((m) => m.extension) : []);
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createRingGroupSchema),
    defaultValues: existing ? valuesOf(existing) : EMPTY,
  });

  const onSaved = async (name: string) => {
    toast.success(`Ring group ${name} saved`);
    await queryClient.invalidateQueries({ queryKey: trpc.ringGroups.list.queryKey() });
    onClose();
  };
  const onError = (error: unknown) => {
    const message = applyServerErrors(error, form.setError);
    if (message) toast.error(message);
  };
  const create = useMutation(trpc.ringGroups.create.mutationOptions({ onSuccess: (g) => onSaved(g.name), onError }));
  const update = useMutation(trpc.ringGroups.update.mutationOptions({ onSuccess: (g) => onSaved(g.name), onError }));
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
        <Field
          label="Number"
          inputMode="numeric"
          placeholder="600"
          error={errors.number?.message}
          {...form.register("number")}
        />
        <Field label="Name" placeholder="Sales" error={errors.name?.message} {...form.register("name")} />
        <SelectField label="Strategy" error={errors.strategy?.message} {...form.register("strategy")}>
          <option value="SIMULTANEOUS">Ring all at once</option>
          <option value="SEQUENTIAL">One after another</option>
        </SelectField>
        <Field
          label="Ring timeout (seconds)"
          type="number"
          hint={strategy === "SEQUENTIAL" ? "Per member" : "For the whole group"}
          error={errors.ringTimeout?.message}
          {...form.register("ringTimeout", { valueAsNumber: true })}
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
      <div className="flex justify-end gap-2 pt-2">
        <Button type="button" variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" busy={create.isPending || update.isPending}>
          {existing ? "Save changes" : "Create ring group"}
        </Button>
      </div>
    </form>
  );
}
