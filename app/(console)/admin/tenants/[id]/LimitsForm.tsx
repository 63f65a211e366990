"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { CheckboxField } from "@/components/forms/CheckboxField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { updateDomainSchema } from "@/server/domains/schemas";
import type { DomainSummary } from "@/server/domains/service";

type FormInput = z.input<typeof updateDomainSchema>;
type FormOutput = z.output<typeof updateDomainSchema>;

export function LimitsForm({ domain }: { domain: DomainSummary }) {
  const trpc = useTRPC();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(updateDomainSchema),
    values: {
      id: domain.id,
      displayName: domain.displayName,
      maxExtensions: domain.maxExtensions,
      maxConcurrentCalls: domain.maxConcurrentCalls,
      allowTenantRoutes: domain.allowTenantRoutes,
    },
  });
  const save = useToastMutation(trpc.domains.update.mutationOptions(), {
    success: () => "Limits saved",
    invalidate: [trpc.domains.get.queryKey({ id: domain.id })],
    setError: form.setError,
  });
  const errors = form.formState.errors;
  return (
    <form noValidate className="space-y-4" onSubmit={form.handleSubmit((v) => save.mutate(v))}>
      <Field label="Display name" error={errors.displayName?.message} {...form.register("displayName")} />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field
          label="Max extensions"
          type="number"
          hint={`${domain._count.extensions} in use`}
          error={errors.maxExtensions?.message}
          {...form.register("maxExtensions", { valueAsNumber: true })}
        />
        <Field
          label="Max concurrent calls"
          type="number"
          error={errors.maxConcurrentCalls?.message}
          {...form.register("maxConcurrentCalls", { valueAsNumber: true })}
        />
      </div>
      <CheckboxField
        label="Tenant admins may define their own outbound routes"
        hint="Their routes are tried before the platform's."
        {...form.register("allowTenantRoutes")}
      />
      <div className="flex justify-end">
        <Button type="submit" busy={save.isPending} disabled={!form.formState.isDirty}>
          Save limits
        </Button>
      </div>
    </form>
  );
}
