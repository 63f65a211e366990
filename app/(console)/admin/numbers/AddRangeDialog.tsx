"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { DialogFooter } from "@/components/forms/DialogFooter";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Dialog } from "@/components/ui/Dialog";
import { FormField } from "@/components/forms/FormField";
import { addNumberRangeSchema, MAX_RANGE } from "@/server/numbers/schemas";

type FormInput = z.input<typeof addNumberRangeSchema>;
type FormOutput = z.output<typeof addNumberRangeSchema>;

export function AddRangeDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(addNumberRangeSchema),
    defaultValues: { from: "", to: "", description: "" },
  });
  const add = useToastMutation(trpc.numbers.addRange.mutationOptions(), {
    success: (result) => `${result.created.toLocaleString()} number(s) added`,
    onDone: (result) => {
      if (result.duplicateCount > 0) {
        const shown = result.duplicates.join(", ");
        const more =
          result.duplicateCount > result.duplicates.length
            ? ` and ${result.duplicateCount - result.duplicates.length} more`
            : "";
        toast.warning(`${result.duplicateCount} already existed and were skipped: ${shown}${more}`, {
          duration: 10_000,
        });
      }
      form.reset();
      onOpenChange(false);
    },
    invalidate: [trpc.numbers.list.queryKey()],
    setError: form.setError,
  });
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Add phone numbers"
      description={`One number, or a range of up to ${MAX_RANGE.toLocaleString("en")}. Numbers that already exist are skipped and listed.`}
    >
      <form noValidate className="space-y-4" onSubmit={form.handleSubmit((v) => add.mutate(v))}>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <FormField form={form} name="from" label="First number" placeholder="+15551230000" />
          <FormField form={form} name="to" label="Last number (optional)" placeholder="+15551230099" />
        </div>
        <FormField form={form} name="description" label="Description (optional)" placeholder="Carrier order 4711" />
        <DialogFooter submitLabel="Add numbers" busy={add.isPending} onCancel={() => onOpenChange(false)} />
      </form>
    </Dialog>
  );
}
