"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { CheckboxField } from "@/components/forms/CheckboxField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { FormField } from "@/components/forms/FormField";
import { updateDomainSchema } from "@/server/domains/schemas";
import type { DomainSummary } from "@/server/domains/service";
import { DomainLimitFields } from "../DomainLimitFields";

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
      maxConferenceRooms: domain.maxConferenceRooms,
      maxQueues: domain.maxQueues,
      allowTenantRoutes: domain.allowTenantRoutes,
    },
  });
  const save = useToastMutation(trpc.domains.update.mutationOptions(), {
    success: () => "Limits saved",
    invalidate: [trpc.domains.get.queryKey({ id: domain.id })],
    setError: form.setError,
  });
  return (
    <form noValidate className="space-y-4" onSubmit={form.handleSubmit((v) => save.mutate(v))}>
      <FormField form={form} name="displayName" label="Display name" />
      <DomainLimitFields form={form} extensionsHint={`${domain._count.extensions} in use`} />
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
