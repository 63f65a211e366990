"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { DialogFooter } from "@/components/forms/DialogFooter";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Dialog } from "@/components/ui/Dialog";
import { FormField } from "@/components/forms/FormField";
import { TemporaryPasswordField } from "@/components/users/NewLoginFields";
import { createDomainSchema } from "@/server/domains/schemas";
import { DomainLimitFields } from "./DomainLimitFields";

type FormInput = z.input<typeof createDomainSchema>;
type FormOutput = z.output<typeof createDomainSchema>;

export function CreateTenantDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const [withAdmin, setWithAdmin] = useState(true);
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createDomainSchema),
    defaultValues: {
      name: "",
      displayName: "",
      maxExtensions: 100,
      maxConcurrentCalls: 10,
      maxConferenceRooms: 10,
      maxQueues: 5,
      allowTenantRoutes: false,
    },
  });
  const create = useToastMutation(trpc.domains.create.mutationOptions(), {
    success: (domain) => `Tenant ${domain.name} created`,
    onDone: () => {
      form.reset();
      onOpenChange(false);
    },
    invalidate: [trpc.domains.list.queryKey()],
    setError: form.setError,
  });

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="New tenant" description="A tenant is one SIP domain.">
      <form
        noValidate
        className="space-y-4"
        onSubmit={form.handleSubmit((values) => create.mutate(withAdmin ? values : { ...values, admin: undefined }))}
      >
        <FormField form={form} name="name" label="SIP domain" placeholder="acme.voice.example.com" />
        <FormField form={form} name="displayName" label="Display name" placeholder="Acme Corp" />
        <DomainLimitFields form={form} />
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={withAdmin} onChange={(e) => setWithAdmin(e.target.checked)} />
          Create the tenant&apos;s first administrator
        </label>
        {withAdmin && (
          <fieldset className="space-y-4 rounded-lg bg-slate-50 p-4">
            <FormField form={form} name="admin.email" label="Admin email" type="email" />
            <FormField form={form} name="admin.name" label="Admin name" />
            <TemporaryPasswordField form={form} name="admin.password" />
          </fieldset>
        )}
        <DialogFooter submitLabel="Create tenant" busy={create.isPending} onCancel={() => onOpenChange(false)} />
      </form>
    </Dialog>
  );
}
