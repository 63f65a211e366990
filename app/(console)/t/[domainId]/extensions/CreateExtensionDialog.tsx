"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { applyServerErrors } from "@/components/forms/serverErrors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { Field } from "@/components/ui/Field";
import { createExtensionSchema } from "@/server/extensions/schemas";

type FormInput = z.input<typeof createExtensionSchema>;
type FormOutput = z.output<typeof createExtensionSchema>;
type Props = { domainId: string; open: boolean; onOpenChange: (open: boolean) => void };

export function CreateExtensionDialog({ domainId, open, onOpenChange }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [secrets, setSecrets] = useState<{ number: string; sipPassword: string; voicemailPin?: string } | null>(null);
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createExtensionSchema),
    defaultValues: { number: "", displayName: "" },
  });
  const create = useMutation(
    trpc.extensions.create.mutationOptions({
      onSuccess: async (result) => {
        toast.success(`Extension ${result.extension.number} created`);
        setSecrets({ number: result.extension.number, sipPassword: result.sipPassword, voicemailPin: result.voicemailPin });
        form.reset();
        await queryClient.invalidateQueries({ queryKey: trpc.extensions.list.queryKey() });
      },
      onError: (error) => {
        const message = applyServerErrors(error, form.setError);
        if (message) toast.error(message);
      },
    }),
  );
  const close = (next: boolean) => {
    if (!next) setSecrets(null);
    onOpenChange(next);
  };
  const errors = form.formState.errors;

  return (
    <Dialog open={open} onOpenChange={close} title={secrets ? `Extension ${secrets.number} is ready` : "New extension"}>
      {secrets ? (
        <div className="space-y-4">
          <p className="text-sm text-slate-600">Copy these now: the SIP password is shown only once and is never stored in clear.</p>
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
          <Field label="Number" inputMode="numeric" placeholder="1001" error={errors.number?.message} {...form.register("number")} />
          <Field label="Display name" placeholder="Reception" error={errors.displayName?.message} {...form.register("displayName")} />
          <Field
            label="SIP password (optional)"
            type="password"
            autoComplete="new-password"
            hint="Leave empty to generate a strong one."
            error={errors.sipPassword?.message}
            {...form.register("sipPassword", { setValueAs: (v: string) => (v === "" ? undefined : v) })}
          />
          <div className="flex justify-end gap-2 pt-2">
            <Button type="button" variant="secondary" onClick={() => close(false)}>
              Cancel
            </Button>
            <Button type="submit" busy={create.isPending}>
              Create extension
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
