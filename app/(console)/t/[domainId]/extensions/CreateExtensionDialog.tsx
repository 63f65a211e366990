"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { DialogFooter } from "@/components/forms/DialogFooter";
import { FormField } from "@/components/forms/FormField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { createExtensionSchema } from "@/server/extensions/schemas";

type FormInput = z.input<typeof createExtensionSchema>;
type FormOutput = z.output<typeof createExtensionSchema>;
type Props = { domainId: string; open: boolean; onOpenChange: (open: boolean) => void };

export function CreateExtensionDialog({ domainId, open, onOpenChange }: Props) {
  const trpc = useTRPC();
  const [secrets, setSecrets] = useState<{ number: string; sipPassword: string; voicemailPin?: string } | null>(null);
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createExtensionSchema),
    defaultValues: { number: "", displayName: "" },
  });
  const create = useToastMutation(trpc.extensions.create.mutationOptions(), {
    success: (result) => `Extension ${result.extension.number} created`,
    onDone: (result) => {
      setSecrets({
        number: result.extension.number,
        sipPassword: result.sipPassword,
        voicemailPin: result.voicemailPin,
      });
      form.reset();
    },
    invalidate: [trpc.extensions.list.queryKey()],
    setError: form.setError,
  });
  const close = (next: boolean) => {
    if (!next) setSecrets(null);
    onOpenChange(next);
  };

  return (
    <Dialog open={open} onOpenChange={close} title={secrets ? `Extension ${secrets.number} is ready` : "New extension"}>
      {secrets ? (
        <div className="space-y-4">
          <p className="text-sm text-slate-600">
            Copy these now: the SIP password is shown only once and is never stored in clear.
          </p>
          <dl className="space-y-2 rounded-lg bg-slate-50 p-4 font-mono text-sm">
            <div className="flex justify-between gap-4">
              <dt className="text-slate-500">SIP password</dt>
              <dd data-testid="sip-password">{secrets.sipPassword}</dd>
            </div>
            {secrets.voicemailPin && (
              <div className="flex justify-between gap-4">
                <dt className="text-slate-500">Voicemail PIN</dt>
                <dd>{secrets.voicemailPin}</dd>
              </div>
            )}
          </dl>
          <div className="flex justify-end">
            <Button onClick={() => close(false)}>Done</Button>
          </div>
        </div>
      ) : (
        <form noValidate className="space-y-4" onSubmit={form.handleSubmit((v) => create.mutate({ ...v, domainId }))}>
          <FormField form={form} name="number" label="Number" inputMode="numeric" placeholder="1001" />
          <FormField form={form} name="displayName" label="Display name" placeholder="Reception" />
          <FormField
            form={form}
            name="sipPassword"
            label="SIP password (optional)"
            type="password"
            autoComplete="new-password"
            hint="Leave empty to generate a strong one."
            options={{ setValueAs: (v: string) => (v === "" ? undefined : v) }}
          />
          <DialogFooter submitLabel="Create extension" busy={create.isPending} onCancel={() => close(false)} />
        </form>
      )}
    </Dialog>
  );
}
