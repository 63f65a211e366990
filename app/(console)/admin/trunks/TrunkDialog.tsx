"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { CheckboxField } from "@/components/forms/CheckboxField";
import { DialogFooter } from "@/components/forms/DialogFooter";
import { SelectField } from "@/components/forms/SelectField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Dialog } from "@/components/ui/Dialog";
import { FormField } from "@/components/forms/FormField";
import { createTrunkSchema } from "@/server/trunks/schemas";
import type { TrunkView } from "@/server/trunks/service";

type FormInput = z.input<typeof createTrunkSchema>;
type FormOutput = z.output<typeof createTrunkSchema>;
type Props = { trunk: TrunkView | null; open: boolean; onOpenChange: (open: boolean) => void };

const blank: FormInput = {
  name: "",
  proxyHost: "",
  proxyPort: 5060,
  transport: "UDP",
  realm: "",
  username: "",
  password: undefined,
  register: false,
  expireSeconds: 3600,
  callerIdInFrom: true,
  pingSeconds: 30,
  enabled: true,
};

/** Create or edit a trunk. The password is write-only: empty keeps the stored one. */
export function TrunkDialog({ trunk, open, onOpenChange }: Props) {
  const trpc = useTRPC();
  const [removePassword, setRemovePassword] = useState(false);
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createTrunkSchema),
    values: trunk ? { ...trunk, realm: trunk.realm ?? "", username: trunk.username ?? "", password: undefined } : blank,
  });
  const feedback = {
    success: (saved: TrunkView) => `Trunk ${saved.name} saved; nodes reload it now`,
    onDone: () => {
      setRemovePassword(false);
      form.reset();
      onOpenChange(false);
    },
    invalidate: [trpc.trunks.list.queryKey()],
    setError: form.setError,
  };
  const create = useToastMutation(trpc.trunks.create.mutationOptions(), feedback);
  const update = useToastMutation(trpc.trunks.update.mutationOptions(), feedback);
  const errors = form.formState.errors;

  const submit = (values: FormOutput) => {
    if (!trunk) return create.mutate(values);
    update.mutate({ ...values, id: trunk.id, password: removePassword ? "" : values.password || undefined });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={trunk ? `Edit ${trunk.name}` : "New trunk"}
      description="A carrier gateway every node loads."
    >
      <form noValidate className="space-y-4" onSubmit={form.handleSubmit(submit)}>
        <FormField form={form} name="name" label="Gateway name" placeholder="carrier-east" />
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          <FormField
            form={form}
            name="proxyHost"
            label="Proxy host"
            className="sm:col-span-2"
            placeholder="sip.carrier.example"
          />
          <FormField form={form} name="proxyPort" options={{ valueAsNumber: true }} label="Port" type="number" />
        </div>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <SelectField label="Transport" error={errors.transport?.message} {...form.register("transport")}>
            <option value="UDP">UDP</option>
            <option value="TCP">TCP</option>
            <option value="TLS">TLS</option>
          </SelectField>
          <FormField form={form} name="realm" label="Realm (optional)" />
          <FormField form={form} name="username" label="Username (optional)" autoComplete="off" />
          <FormField
            form={form}
            name="password"
            options={{ setValueAs: (v: string) => (v === "" ? undefined : v) }}
            label="Password"
            type="password"
            autoComplete="new-password"
            hint={
              trunk?.hasPassword ? "Leave empty to keep the current one." : "Leave empty for an IP-authenticated trunk."
            }
            disabled={removePassword}
          />
        </div>
        {trunk?.hasPassword && (
          <CheckboxField
            label="Remove the stored password"
            checked={removePassword}
            onChange={(e) => setRemovePassword(e.target.checked)}
          />
        )}
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <FormField
            form={form}
            name="expireSeconds"
            options={{ valueAsNumber: true }}
            label="Registration expiry (s)"
            type="number"
          />
          <FormField
            form={form}
            name="pingSeconds"
            options={{ valueAsNumber: true }}
            label="OPTIONS ping (s, 0 = off)"
            type="number"
          />
        </div>
        <div className="space-y-2">
          <CheckboxField label="Register with the carrier" {...form.register("register")} />
          <CheckboxField label="Send caller ID in the From header" {...form.register("callerIdInFrom")} />
          <CheckboxField label="Enabled" {...form.register("enabled")} />
        </div>
        <DialogFooter
          submitLabel={trunk ? "Save trunk" : "Create trunk"}
          busy={create.isPending || update.isPending}
          onCancel={() => onOpenChange(false)}
        />
      </form>
    </Dialog>
  );
}
