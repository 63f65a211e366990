"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { CheckboxField } from "@/components/forms/CheckboxField";
import { DialogFooter } from "@/components/forms/DialogFooter";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Dialog } from "@/components/ui/Dialog";
import { FormField } from "@/components/forms/FormField";
import { updateSipProxySchema } from "@/server/cluster/schemas";

export type ProxyRow = { id: string; name: string; rpcUrl: string; rpcUsername: string | null; enabled: boolean };
type FormInput = z.input<typeof updateSipProxySchema>;
type FormOutput = z.output<typeof updateSipProxySchema>;
type Props = { proxy: ProxyRow | null; open: boolean; onOpenChange: (open: boolean) => void };

const blank: FormInput = { id: "new", name: "", rpcUrl: "", rpcUsername: "", rpcPassword: undefined, enabled: true };

/**
 * Create and edit share the update schema (every field optional, plus an id) for the
 * form; create then sends the fields to `create`, whose own schema requires name and URL.
 */
export function ProxyDialog({ proxy, open, onOpenChange }: Props) {
  const trpc = useTRPC();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(updateSipProxySchema),
    values: proxy ? { ...proxy, rpcUsername: proxy.rpcUsername ?? "", rpcPassword: undefined } : blank,
  });
  const feedback = {
    success: (saved: { name: string }) => `Proxy ${saved.name} saved; it is brought up to date now`,
    onDone: () => {
      form.reset();
      onOpenChange(false);
    },
    invalidate: [trpc.cluster.proxies.list.queryKey()],
    setError: form.setError,
  };
  const create = useToastMutation(trpc.cluster.proxies.create.mutationOptions(), feedback);
  const update = useToastMutation(trpc.cluster.proxies.update.mutationOptions(), feedback);
  const submit = ({ id, ...values }: FormOutput) => {
    const fields = { ...values, rpcUsername: values.rpcUsername || null };
    if (proxy) update.mutate({ ...fields, id });
    else create.mutate({ ...fields, name: values.name ?? "", rpcUrl: values.rpcUrl ?? "" });
  };
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={proxy ? `Edit ${proxy.name}` : "New SIP proxy"}
      description="A Kamailio instance, reached over its JSON-RPC endpoint."
    >
      <form noValidate className="space-y-4" onSubmit={form.handleSubmit(submit)}>
        <FormField form={form} name="name" label="Name" placeholder="kamailio-2" />
        <FormField form={form} name="rpcUrl" label="JSON-RPC URL" placeholder="http://10.0.0.5:5071/RPC" />
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <FormField form={form} name="rpcUsername" label="RPC username (optional)" autoComplete="off" />
          <FormField
            form={form}
            name="rpcPassword"
            options={{ setValueAs: (v: string) => v || undefined }}
            label="RPC password (optional)"
            type="password"
            autoComplete="new-password"
            hint={proxy ? "Leave empty to keep the current one." : undefined}
          />
        </div>
        <CheckboxField label="Enabled" {...form.register("enabled")} />
        <DialogFooter
          submitLabel={proxy ? "Save proxy" : "Add proxy"}
          busy={create.isPending || update.isPending}
          onCancel={() => onOpenChange(false)}
        />
      </form>
    </Dialog>
  );
}
