"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { DialogFooter } from "@/components/forms/DialogFooter";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Dialog } from "@/components/ui/Dialog";
import { NewLoginFields } from "@/components/users/NewLoginFields";
import { createUserSchema } from "@/server/users/schemas";
import { MembershipRows } from "./MembershipRows";

type FormInput = z.input<typeof createUserSchema>;
type FormOutput = z.output<typeof createUserSchema>;
type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Pre-filled grants, e.g. "tenant admin of this tenant" from the tenant page. */
  initialMemberships?: FormInput["memberships"];
  title?: string;
};

export function CreateUserDialog({ open, onOpenChange, initialMemberships, title = "New user" }: Props) {
  const trpc = useTRPC();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createUserSchema),
    values: {
      email: "",
      name: "",
      password: "",
      memberships: initialMemberships ?? [{ role: "TENANT_ADMIN", domainId: "", extensionId: "" }],
    },
  });
  const create = useToastMutation(trpc.users.platform.create.mutationOptions(), {
    success: (user) => `${user.email} can sign in now`,
    onDone: () => {
      form.reset();
      onOpenChange(false);
    },
    invalidate: [trpc.users.platform.list.queryKey()],
    setError: form.setError,
  });
  const errors = form.formState.errors;
  const memberships = useWatch({ control: form.control, name: "memberships" });
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={title}
      description="A portal login. Emails are case-insensitive."
    >
      <form noValidate className="space-y-4" onSubmit={form.handleSubmit((v) => create.mutate(v))}>
        <NewLoginFields form={form} />
        <MembershipRows
          value={memberships}
          onChange={(rows) => form.setValue("memberships", rows, { shouldValidate: form.formState.isSubmitted })}
          errors={errors.memberships}
        />
        <DialogFooter submitLabel="Create user" busy={create.isPending} onCancel={() => onOpenChange(false)} />
      </form>
    </Dialog>
  );
}
