"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { DialogFooter } from "@/components/forms/DialogFooter";
import { SelectField } from "@/components/forms/SelectField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Dialog } from "@/components/ui/Dialog";
import { assignNumbersSchema } from "@/server/numbers/schemas";

type FormInput = z.input<typeof assignNumbersSchema>;
type FormOutput = z.output<typeof assignNumbersSchema>;
type Props = { ids: string[]; open: boolean; onOpenChange: (open: boolean) => void; onDone: () => void };

export function AssignDialog({ ids, open, onOpenChange, onDone }: Props) {
  const trpc = useTRPC();
  const tenants = useQuery({ ...trpc.domains.list.queryOptions({ pageSize: 200 }), enabled: open });
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(assignNumbersSchema),
    values: { ids, domainId: "" },
  });
  const assign = useToastMutation(trpc.numbers.assign.mutationOptions(), {
    success: (count) => `${count} number(s) assigned`,
    onDone: () => {
      onDone();
      onOpenChange(false);
    },
    invalidate: [trpc.numbers.list.queryKey()],
    setError: form.setError,
  });
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Assign ${ids.length} number(s)`}
      description="The tenant's admins then choose where each number rings."
    >
      <form noValidate className="space-y-4" onSubmit={form.handleSubmit((v) => assign.mutate(v))}>
        <SelectField label="Tenant" error={form.formState.errors.domainId?.message} {...form.register("domainId")}>
          <option value="">{tenants.isPending ? "Loading tenants…" : "Choose a tenant"}</option>
          {tenants.data?.items.map((d) => (
            <option key={d.id} value={d.id}>
              {d.displayName} ({d.name})
            </option>
          ))}
        </SelectField>
        <DialogFooter submitLabel="Assign" busy={assign.isPending} onCancel={() => onOpenChange(false)} />
      </form>
    </Dialog>
  );
}
