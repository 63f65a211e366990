"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { FormField } from "@/components/forms/FormField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { disableTwoFactorSchema } from "@/server/twoFactor/schemas";

// The form holds both fields; the one in use is what is sent (the schema takes either).
const formSchema = z.object({ secret: z.string().trim().min(1, "Required").max(256) });

/** Turning two-factor off: proved with the password or a recovery code. */
export function DisableTwoFactorForm() {
  const trpc = useTRPC();
  const [withRecovery, setWithRecovery] = useState(false);
  const form = useForm<z.input<typeof formSchema>>({
    resolver: zodResolver(formSchema),
    defaultValues: { secret: "" },
  });
  const disable = useToastMutation(trpc.twoFactor.disable.mutationOptions(), {
    success: () => "Two-factor sign-in is off",
    invalidate: [trpc.twoFactor.status.queryKey()],
    onDone: () => form.reset(),
  });
  const submit = form.handleSubmit(({ secret }) => {
    const input = disableTwoFactorSchema.safeParse(withRecovery ? { recoveryCode: secret } : { password: secret });
    if (!input.success) return form.setError("secret", { message: input.error.issues[0]?.message ?? "Invalid" });
    disable.mutate(input.data);
  });
  return (
    <section className="mt-6 space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 className="text-base font-semibold text-slate-900">Turn off two-factor sign-in</h2>
      <form noValidate className="space-y-4" onSubmit={submit}>
        <FormField
          form={form}
          name="secret"
          label={withRecovery ? "A recovery code" : "Your password"}
          type={withRecovery ? "text" : "password"}
          autoComplete={withRecovery ? "off" : "current-password"}
        />
        <div className="flex items-center justify-between">
          <button
            type="button"
            className="text-sm text-brand-700 hover:underline"
            onClick={() => setWithRecovery((v) => !v)}
          >
            {withRecovery ? "Use my password instead" : "Use a recovery code instead"}
          </button>
          <Button type="submit" variant="danger" busy={disable.isPending}>
            Turn off
          </Button>
        </div>
      </form>
    </section>
  );
}
