"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerErrors } from "@/components/forms/serverErrors";
import { DialogFooter } from "@/components/forms/DialogFooter";
import { Dialog } from "@/components/ui/Dialog";
import { Field } from "@/components/ui/Field";
import { resetUserPasswordSchema } from "@/server/users/schemas";

type FormInput = z.input<typeof resetUserPasswordSchema>;
type Props = {
  user: { id: string; email: string } | null;
  onClose: () => void;
  busy: boolean;
  /** Resolves on success; a rejected tRPC error is shown next to the field. */
  onReset: (values: FormInput) => Promise<unknown>;
  onError: (message: string) => void;
};

export function ResetPasswordDialog({ user, onClose, busy, onReset, onError }: Props) {
  const form = useForm<FormInput>({
    resolver: zodResolver(resetUserPasswordSchema),
    values: { id: user?.id ?? "", password: "" },
  });
  const submit = async (values: FormInput) => {
    try {
      await onReset(values);
      form.reset();
      onClose();
    } catch (error) {
      const message = applyServerErrors(error, form.setError);
      if (message) onError(message);
    }
  };
  return (
    <Dialog open={user !== null} onOpenChange={(o) => !o && onClose()} title={`New password for ${user?.email ?? ""}`}>
      <form noValidate className="space-y-4" onSubmit={form.handleSubmit(submit)}>
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters. Share it securely; they can change it after signing in."
          error={form.formState.errors.password?.message}
          {...form.register("password")}
        />
        <DialogFooter submitLabel="Set password" busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
