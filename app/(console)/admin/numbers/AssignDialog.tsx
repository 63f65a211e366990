"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { applyServerErrors } from "@/components/forms/serverErrors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { assignNumbersSchema } from "@/server/numbers/schemas";
import { SelectField } from "../_components/SelectField";

type FormInput = z.input<typeof assignNumbersSchema>;
type FormOutput = z.output<typeof assignNumbersSchema>;
type Props = { ids: string[]; open: boolean; onOpenChange: (open: boolean) => void; onDone: () => void };

export function AssignDialog({ ids, open, onOpenChange, onDone }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenants = useQuery({ ...trpc.domains.list.queryOptions({ pageSize: 200 }), enabled: open });
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(assignNumbersSchema),
    values: { ids, domainId: "" },
  });
  const assign = useMutation(
    trpc.numbers.assign.mutationOptions({
      onSuccess: async (count) => {
        toast.success(`${count} number(s) assigned`);
        await queryClient.invalidateQueries({ queryKey: trpc.numbers.list.queryKey() });
        onDone();
        onOpenChange(false);
      },
      onError: (error) => {
        const message = applyServerErrors(error, form.setError);
        if (message) toast.error(message);
      },
    }),
  );
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
        <div className="flex justify-end gap-2 pt-2">
          <Button type="button" variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" busy={assign.isPending}>
            Assign
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
