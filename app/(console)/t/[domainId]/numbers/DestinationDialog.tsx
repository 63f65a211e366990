"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { DialogFooter } from "@/components/forms/DialogFooter";
import { FormField } from "@/components/forms/FormField";
import { SelectField } from "@/components/forms/SelectField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Dialog } from "@/components/ui/Dialog";
import type { NumberView } from "@/server/numbers/service";
import { setNumberDestinationSchema } from "@/server/numbers/schemas";
import { DESTINATION_LABELS, DESTINATION_TYPES } from "@/server/shared/destinationSchema";

type FormInput = z.input<typeof setNumberDestinationSchema>;
type FormOutput = z.output<typeof setNumberDestinationSchema>;
type Props = { domainId: string; number: NumberView | null; onClose: () => void };

export function DestinationDialog({ domainId, number, onClose }: Props) {
  const trpc = useTRPC();
  const listId = useId();
  const extensions = useQuery({
    ...trpc.extensions.list.queryOptions({ domainId, pageSize: 200 }),
    enabled: number !== null,
  });
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(setNumberDestinationSchema),
    values: {
      id: number?.id ?? "",
      destination: { type: number?.destType ?? "EXTENSION", target: number?.destTarget ?? "" },
      description: number?.description ?? "",
    },
  });
  const save = useToastMutation(trpc.numbers.setDestination.mutationOptions(), {
    success: (saved) =>
      `${saved.e164} now rings ${DESTINATION_LABELS[saved.destType ?? "HANGUP"].toLowerCase()} ${saved.destTarget ?? ""}`,
    onDone: onClose,
    invalidate: [trpc.numbers.listMine.queryKey()],
    setError: form.setError,
  });
  const type = useWatch({ control: form.control, name: "destination.type" });
  return (
    <Dialog open={number !== null} onOpenChange={(o) => !o && onClose()} title={`Where ${number?.e164 ?? ""} rings`}>
      <form noValidate className="space-y-4" onSubmit={form.handleSubmit((v) => save.mutate({ ...v, domainId }))}>
        <SelectField
          label="Destination"
          error={form.formState.errors.destination?.type?.message}
          {...form.register("destination.type")}
        >
          {DESTINATION_TYPES.map((t) => (
            <option key={t} value={t}>
              {DESTINATION_LABELS[t]}
            </option>
          ))}
        </SelectField>
        {type !== "HANGUP" && (
          <>
            <FormField
              form={form}
              name="destination.target"
              label={type === "EXTERNAL" ? "Outside number (E.164)" : "Number in this domain"}
              placeholder={type === "EXTERNAL" ? "+442071234567" : "1001"}
              list={type === "EXTENSION" || type === "VOICEMAIL" ? listId : undefined}
            />
            <datalist id={listId}>
              {extensions.data?.items.map((e) => (
                <option key={e.id} value={e.number}>
                  {e.displayName}
                </option>
              ))}
            </datalist>
          </>
        )}
        <FormField form={form} name="description" label="Description (optional)" />
        <DialogFooter submitLabel="Save" busy={save.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
