"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { applyServerErrors } from "@/components/forms/serverErrors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { Field } from "@/components/ui/Field";
import type { NumberView } from "@/server/numbers/service";
import { setNumberDestinationSchema } from "@/server/numbers/schemas";
import { DESTINATION_LABELS, DESTINATION_TYPES } from "@/server/shared/destination";
import { SelectField } from "@/app/(console)/admin/_components/SelectField";

type FormInput = z.input<typeof setNumberDestinationSchema>;
type FormOutput = z.output<typeof setNumberDestinationSchema>;
type Props = { domainId: string; number: NumberView | null; onClose: () => void };

export function DestinationDialog({ domainId, number, onClose }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
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
  const save = useMutation(
    trpc.numbers.setDestination.mutationOptions({
      onSuccess: async (saved) => {
        toast.success(
          `${saved.e164} now rings ${DESTINATION_LABELS[saved.destType ?? "HANGUP"].toLowerCase()} ${saved.destTarget ?? ""}`,
        );
        await queryClient.invalidateQueries({ queryKey: trpc.numbers.listMine.queryKey() });
        onClose();
      },
      onError: (error) => {
        const message = applyServerErrors(error, form.setError);
        if (message) toast.error(message);
      },
    }),
  );
  const type = useWatch({ control: form.control, name: "destination.type" });
  const errors = form.formState.errors;
  return (
    <Dialog open={number !== null} onOpenChange={(o) => !o && onClose()} title={`Where ${number?.e164 ?? ""} rings`}>
      <form noValidate className="space-y-4" onSubmit={form.handleSubmit((v) => save.mutate({ ...v, domainId }))}>
        <SelectField
          label="Destination"
          error={errors.destination?.type?.message}
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
            <Field
              label={type === "EXTERNAL" ? "Outside number (E.164)" : "Number in this domain"}
              placeholder={type === "EXTERNAL" ? "+442071234567" : "1001"}
              list={type === "EXTENSION" || type === "VOICEMAIL" ? listId : undefined}
              error={errors.destination?.target?.message}
              {...form.register("destination.target")}
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
        <Field label="Description (optional)" error={errors.description?.message} {...form.register("description")} />
        <div className="flex justify-end gap-2 pt-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={save.isPending}>
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
