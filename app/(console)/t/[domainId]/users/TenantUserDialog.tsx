"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import type { ComponentProps, ReactNode } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { applyServerErrors } from "@/components/forms/serverErrors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { Field } from "@/components/ui/Field";
import { createTenantUserSchema, updateTenantUserSchema } from "@/server/users/schemas";
import type { TenantUserView } from "@/server/users/tenantService";
import { SelectField } from "@/app/(console)/admin/_components/SelectField";

type CreateInput = z.input<typeof createTenantUserSchema>;
type CreateOutput = z.output<typeof createTenantUserSchema>;
type UpdateInput = z.input<typeof updateTenantUserSchema>;
type UpdateOutput = z.output<typeof updateTenantUserSchema>;

type AccessFieldsProps = {
  domainId: string;
  role: string | undefined;
  roleField: ComponentProps<"select">;
  extensionField: ComponentProps<"select">;
  errors: { role?: string; extensionId?: string };
};

/** Role and, for end users, the one extension of this domain they manage. */
function AccessFields({ domainId, role, roleField, extensionField, errors }: AccessFieldsProps) {
  const trpc = useTRPC();
  const extensions = useQuery(trpc.extensions.list.queryOptions({ domainId, pageSize: 200 }));
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
      <SelectField label="Role" error={errors.role} {...roleField}>
        <option value="TENANT_ADMIN">Administrator: manages this domain</option>
        <option value="TENANT_USER">End user: their own phone only</option>
      </SelectField>
      {role === "TENANT_USER" && (
        <SelectField label="Extension" error={errors.extensionId} {...extensionField}>
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
  onSubmit: () => void;
  children: ReactNode;
};

function FormShell({ open, title, busy, submitLabel, onClose, onSubmit, children }: ShellProps) {
  return (
    <Dialog open={open} onOpenChange={(o) => !o && onClose()} title={title}>
      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
        <div className="flex justify-end gap-2 pt-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={busy}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

type SaveProps<T> = {
  domainId: string;
  busy: boolean;
  onClose: () => void;
  onSave: (values: T) => Promise<unknown>;
  onError: (message: string) => void;
};

export function CreateTenantUserDialog({ open, ...props }: SaveProps<CreateOutput> & { open: boolean }) {
  const form = useForm<CreateInput, unknown, CreateOutput>({
    resolver: zodResolver(createTenantUserSchema),
    defaultValues: { email: "", name: "", password: "", role: "TENANT_USER", extensionId: "" },
  });
  const errors = form.formState.errors;
  const role = useWatch({ control: form.control, name: "role" });
  const submit = form.handleSubmit(async (values) => {
    try {
      await props.onSave(values);
      form.reset();
      props.onClose();
    } catch (error) {
      const message = applyServerErrors(error, form.setError);
      if (message) props.onError(message);
    }
  });
  return (
    <FormShell
      open={open}
      title="New user"
      busy={props.busy}
      submitLabel="Create user"
      onClose={props.onClose}
      onSubmit={() => void submit()}
    >
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field
          label="Email"
          type="email"
          autoComplete="off"
          error={errors.email?.message}
          {...form.register("email")}
        />
        <Field label="Name" error={errors.name?.message} {...form.register("name")} />
      </div>
      <Field
        label="Temporary password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters. Share it securely."
        error={errors.password?.message}
        {...form.register("password")}
      />
      <AccessFields
        domainId={props.domainId}
        role={role}
        roleField={form.register("role")}
        extensionField={form.register("extensionId")}
        errors={{ role: errors.role?.message, extensionId: errors.extensionId?.message }}
      />
    </FormShell>
  );
}

export function EditTenantUserDialog({ user, ...props }: SaveProps<UpdateOutput> & { user: TenantUserView | null }) {
  const form = useForm<UpdateInput, unknown, UpdateOutput>({
    resolver: zodResolver(updateTenantUserSchema),
    values: {
      id: user?.id ?? "",
      name: user?.name ?? "",
      role: user?.role ?? "TENANT_USER",
      extensionId: user?.extension?.id ?? "",
    },
  });
  const errors = form.formState.errors;
  const role = useWatch({ control: form.control, name: "role" });
  const submit = form.handleSubmit(async (values) => {
    try {
      await props.onSave(values);
      props.onClose();
    } catch (error) {
      const message = applyServerErrors(error, form.setError);
      if (message) props.onError(message);
    }
  });
  return (
    <FormShell
      open={user !== null}
      title={`Edit ${user?.email ?? ""}`}
      busy={props.busy}
      submitLabel="Save"
      onClose={props.onClose}
      onSubmit={() => void submit()}
    >
      <Field
        label="Name"
        readOnly={user?.shared}
        hint={user?.shared ? "This person also has access elsewhere; your provider manages their account." : undefined}
        error={errors.name?.message}
        {...form.register("name")}
      />
      <AccessFields
        domainId={props.domainId}
        role={role}
        roleField={form.register("role")}
        extensionField={form.register("extensionId")}
        errors={{ role: errors.role?.message, extensionId: errors.extensionId?.message }}
      />
    </FormShell>
  );
}
