"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { CheckboxField } from "@/components/forms/CheckboxField";
import { DialogFooter } from "@/components/forms/DialogFooter";
import { FormField } from "@/components/forms/FormField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { EditorDialog } from "@/components/tenant/EditorDialog";
import { createConferenceRoomSchema } from "@/server/conferenceRooms/schemas";
import type { ConferenceRoomView } from "@/server/conferenceRooms/service";

type FormInput = z.input<typeof createConferenceRoomSchema>;
type FormOutput = z.output<typeof createConferenceRoomSchema>;
/** `null` closes the dialog; "new" creates; a room edits it. */
type Props = { domainId: string; editing: ConferenceRoomView | "new" | null; onClose: () => void };

const EMPTY: FormInput = { number: "", name: "", pin: "", moderatorPin: "", maxMembers: 0, record: false };

function valuesOf(room: ConferenceRoomView): FormInput {
  return {
    number: room.number,
    name: room.name,
    pin: room.pin ?? "",
    moderatorPin: room.moderatorPin ?? "",
    maxMembers: room.maxMembers,
    record: room.record,
  };
}

export function ConferenceRoomDialog({ domainId, editing, onClose }: Props) {
  return (
    <EditorDialog
      editing={editing}
      onClose={onClose}
      title={(x) => (x ? `Edit conference room ${x.number}` : "New conference room")}
      description="Everyone who dials the room's number (and knows its PIN) talks together."
      form={(x) => <ConferenceRoomForm domainId={domainId} existing={x} onClose={onClose} />}
    />
  );
}

function ConferenceRoomForm({
  domainId,
  existing,
  onClose,
}: {
  domainId: string;
  existing: ConferenceRoomView | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createConferenceRoomSchema),
    defaultValues: existing ? valuesOf(existing) : EMPTY,
  });
  const feedback = {
    success: (saved: ConferenceRoomView) => `Conference room ${saved.name} saved`,
    onDone: onClose,
    invalidate: [trpc.conferenceRooms.list.queryKey()],
    setError: form.setError,
  };
  const create = useToastMutation(trpc.conferenceRooms.create.mutationOptions(), feedback);
  const update = useToastMutation(trpc.conferenceRooms.update.mutationOptions(), feedback);

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit((v) =>
        existing ? update.mutate({ ...v, id: existing.id, domainId }) : create.mutate({ ...v, domainId }),
      )}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField form={form} name="number" label="Number" inputMode="numeric" placeholder="3000" />
        <FormField form={form} name="name" label="Name" placeholder="Weekly team call" />
        <FormField
          form={form}
          name="pin"
          label="PIN"
          inputMode="numeric"
          autoComplete="off"
          hint="Callers must enter it; empty for an open room."
        />
        <FormField
          form={form}
          name="moderatorPin"
          label="Moderator PIN"
          inputMode="numeric"
          autoComplete="off"
          hint="Who enters it may lock the room with *."
        />
        <FormField
          form={form}
          name="maxMembers"
          label="Max members"
          type="number"
          hint="0 for no limit."
          options={{ valueAsNumber: true }}
        />
      </div>
      <CheckboxField
        label="Record conferences"
        hint="The whole conference, into the tenant's recordings."
        {...form.register("record")}
      />
      <DialogFooter
        submitLabel={existing ? "Save changes" : "Create conference room"}
        busy={create.isPending || update.isPending}
        onCancel={onClose}
      />
    </form>
  );
}
