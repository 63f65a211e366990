"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import type { FormEvent, ReactNode } from "react";
import { useForm, useWatch, type Path, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { DialogFooter } from "@/components/forms/DialogFooter";
import { FormField } from "@/components/forms/FormField";
import { SelectField } from "@/components/forms/SelectField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Dialog } from "@/components/ui/Dialog";
import { NewLoginFields } from "@/components/users/NewLoginFields";
import { createTenantUserSchema, updateTenantUserSchema } from "@/server/users/schemas";
import type { TenantUserView } from "@/server/users/tenantService";

type CreateInput = z.input<typeof createTenantUserSchema>;
type CreateOutput = z.output<typeof createTenantUserSchema>;
type UpdateInput = z.input<typeof updateTenantUserSchema>;
type UpdateOutput = z.output<typeof updateTenantUserSchema>;

type AccessValues = { role: string; extensionId: string | null };

/** Role and, for end users, the one extension of this domain they manage. */
function AccessFields<T extends AccessValues, O>({
  domainId,
  form,
}: {
  domainId: string;
  form: UseFormReturn<T, unknown, O>;
}) {
  const trpc = useTRPC();
  const extensions = useQuery(trpc.extensions.list.queryOptions({ domainId, pageSize: 200 }));
  // The constraint guarantees these fields; react-hook-form cannot list the paths of a generic T.
  const path = (field: keyof AccessValues) => field as Path<T>;
  const errorOf = (field: keyof AccessValues) => form.getFieldState(path(field), form.formState).error?.message;
  const role = useWatch({ control: form.control, name: path("role") });
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
      <SelectField label="Role" error={errorOf("role")} {...form.register(path("role"))}>
        <option value="TENANT_ADMIN">Administrator: manages this domain</option>
        <option value="TENANT_USER">End user: their own phone only</option>
      </SelectField>
      {role === "TENANT_USER" && (
        <SelectField label="Extension" error={errorOf("extensionId")} {...form.register(path("extensionId"))}>
          <option value="">Choose an extension</option>
          {extensions.data?.items.map((e) => (
            <option key={e.id} value={e.id}>
              {e.number} · {e.displayName}
            </option>
          ))}
        </SelectField>
      )}
    </div>
  );
}

type ShellProps = {
  open: boolean;
  title: string;
  busy: boolean;
  submitLabel: string;
  onClose: () => void;
  onSubmit: (event: FormEvent) => Promise<void>;
  children: ReactNode;
};

function FormShell({ open, title, busy, submitLabel, onClose, onSubmit, children }: ShellProps) {
  return (
    <Dialog open={open} onOpenChange={(o) => !o && onClose()} title={title}>
      <form noValidate className="space-y-4" onSubmit={(e) => void onSubmit(e)}>
        {children}
        <DialogFooter submitLabel={submitLabel} busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

type DialogProps = { domainId: string; onClose: () => void };

export function CreateTenantUserDialog({ domainId, open, onClose }: DialogProps & { open: boolean }) {
  const trpc = useTRPC();
  const form = useForm<CreateInput, unknown, CreateOutput>({
    resolver: zodResolver(createTenantUserSchema),
    defaultValues: { email: "", name: "", password: "", role: "TENANT_USER", extensionId: "" },
  });
  const create = useToastMutation(trpc.users.tenant.create.mutationOptions(), {
    success: (user) => `${user.email} can sign in now`,
    onDone: () => {
      form.reset();
      onClose();
    },
    invalidate: [trpc.users.tenant.list.queryKey()],
    setError: form.setError,
  });
  return (
    <FormShell
      open={open}
      title="New user"
      busy={create.isPending}
      submitLabel="Create user"
      onClose={onClose}
      onSubmit={form.handleSubmit((values) => create.mutate({ ...values, domainId }))}
    >
      <NewLoginFields form={form} />
      <AccessFields domainId={domainId} form={form} />
    </FormShell>
  );
}

export function EditTenantUserDialog({ domainId, user, onClose }: DialogProps & { user: TenantUserView | null }) {
  const trpc = useTRPC();
  const form = useForm<UpdateInput, unknown, UpdateOutput>({
    resolver: zodResolver(updateTenantUserSchema),
    values: {
      id: user?.id ?? "",
      name: user?.name ?? "",
      role: user?.role ?? "TENANT_USER",
      extensionId: user?.extension?.id ?? "",
    },
  });
  const update = useToastMutation(trpc.users.tenant.update.mutationOptions(), {
    success: () => "User saved",
    onDone: onClose,
    invalidate: [trpc.users.tenant.list.queryKey()],
    setError: form.setError,
  });
  return (
    <FormShell
      open={user !== null}
      title={`Edit ${user?.email ?? ""}`}
      busy={update.isPending}
      submitLabel="Save"
      onClose={onClose}
      onSubmit={form.handleSubmit((values) => update.mutate({ ...values, domainId }))}
    >
      <FormField
        form={form}
        name="name"
        label="Name"
        readOnly={user?.shared}
        hint={user?.shared ? "This person also has access elsewhere; your provider manages their account." : undefined}
      />
      <AccessFields domainId={domainId} form={form} />
    </FormShell>
  );
}
