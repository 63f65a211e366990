"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FormField } from "@/components/forms/FormField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { changePasswordSchema } from "@/server/account/schemas";

type FormInput = z.input<typeof changePasswordSchema>;
type FormOutput = z.output<typeof changePasswordSchema>;

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
  });
  const change = useToastMutation(trpc.account.changePassword.mutationOptions(), {
    success: () => "Your portal password was changed",
    onDone: () => form.reset(),
    setError: form.setError,
  });
  return (
    <form noValidate className="space-y-4" onSubmit={form.handleSubmit((v) => change.mutate(v))}>
      <FormField
        form={form}
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          form={form}
          name="newPassword"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
        />
        <FormField
          form={form}
          name="confirmPassword"
          label="New password again"
          type="password"
          autoComplete="new-password"
        />
      </div>
      <div className="flex justify-end">
        <Button type="submit" busy={change.isPending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
