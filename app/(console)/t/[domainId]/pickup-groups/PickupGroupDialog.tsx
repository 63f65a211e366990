"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { DialogFooter } from "@/components/forms/DialogFooter";
import { FormField } from "@/components/forms/FormField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { EditorDialog } from "@/components/tenant/EditorDialog";
import { createPickupGroupSchema } from "@/server/pickupGroups/schemas";
import type { PickupGroupView } from "@/server/pickupGroups/service";
import { MemberPicker, type Member } from "../ring-groups/MemberPicker";

type FormInput = z.input<typeof createPickupGroupSchema>;
type FormOutput = z.output<typeof createPickupGroupSchema>;
/** `null` closes the dialog; "new" creates; a group edits it. */
type Props = { domainId: string; editing: PickupGroupView | "new" | null; onClose: () => void };

export function PickupGroupDialog({ domainId, editing, onClose }: Props) {
  return (
    <EditorDialog
      editing={editing}
      onClose={onClose}
      title={(x) => (x ? `Edit pickup group ${x.name}` : "New pickup group")}
      description="Any member dials *8 to answer a call ringing another member's phone."
      form={(x) => <PickupGroupForm domainId={domainId} existing={x} onClose={onClose} />}
    />
  );
}

function PickupGroupForm({
  domainId,
  existing,
  onClose,
}: {
  domainId: string;
  existing: PickupGroupView | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const [members, setMembers] = useState<Member[]>(existing ? existing.members.map((m) => m.extension) : []);
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createPickupGroupSchema),
    defaultValues: existing
      ? { name: existing.name, memberIds: existing.members.map((m) => m.extension.id) }
      : { name: "", memberIds: [] },
  });
  const feedback = {
    success: (saved: PickupGroupView) => `Pickup group ${saved.name} saved`,
    onDone: onClose,
    invalidate: [trpc.pickupGroups.list.queryKey()],
    setError: form.setError,
  };
  const create = useToastMutation(trpc.pickupGroups.create.mutationOptions(), feedback);
  const update = useToastMutation(trpc.pickupGroups.update.mutationOptions(), feedback);
  const changeMembers = (next: Member[]) => {
    setMembers(next);
    form.setValue(
      "memberIds",
      next.map((m) => m.id),
      { shouldValidate: form.formState.isSubmitted },
    );
  };

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit((v) =>
        existing ? update.mutate({ ...v, id: existing.id, domainId }) : create.mutate({ ...v, domainId }),
      )}
    >
      <FormField form={form} name="name" label="Name" placeholder="Front desk" />
      <MemberPicker
        domainId={domainId}
        members={members}
        onChange={changeMembers}
        error={form.formState.errors.memberIds?.message}
        ordered={false}
      />
      <DialogFooter
        submitLabel={existing ? "Save changes" : "Create pickup group"}
        busy={create.isPending || update.isPending}
        onCancel={onClose}
      />
    </form>
  );
}
