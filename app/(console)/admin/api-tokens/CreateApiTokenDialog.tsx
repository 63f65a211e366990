"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { applyServerErrors } from "@/components/forms/serverErrors";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { FormField } from "@/components/forms/FormField";
import { inputClass } from "@/components/ui/Field";
import { createApiTokenSchema, type CreateApiTokenInput } from "@/server/apiTokens/schemas";

type FormInput = z.input<typeof createApiTokenSchema>;

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** What the token will be allowed to do, in words. */
  scopeDescription: string;
  create: (values: CreateApiTokenInput) => Promise<{ token: string; apiToken: { name: string } }>;
};

const EXPIRY_CHOICES = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "", label: "Never" },
];

/** Shared by the platform and the tenant token pages; only `create` and the wording differ. */
export function CreateApiTokenDialog({ open, onOpenChange, scopeDescription, create }: Props) {
  const expiryId = useId();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const form = useForm<FormInput, unknown, CreateApiTokenInput>({
    resolver: zodResolver(createApiTokenSchema),
    defaultValues: { name: "", expiresInDays: 90 },
  });
  const errors = form.formState.errors;

  const submit = form.handleSubmit(async (values) => {
    try {
      const result = await create(values);
      toast.success(`Token ${result.apiToken.name} created`);
      setCreated({ name: result.apiToken.name, token: result.token });
      form.reset();
    } catch (error) {
      const message = applyServerErrors(error, form.setError);
      if (message) toast.error(message);
    }
  });

  const close = (next: boolean) => {
    if (!next) setCreated(null);
    onOpenChange(next);
  };

  const copy = async (token: string) => {
    try {
      await navigator.clipboard.writeText(token);
      toast.success("Token copied");
    } catch {
      toast.error("Copy failed; select the token and copy it by hand");
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title={created ? `Token ${created.name} is ready` : "New API token"}
      description={created ? undefined : scopeDescription}
    >
      {created ? (
        <div className="space-y-4">
          <p className="text-sm text-slate-600">
            Copy it now: it is shown only once and only a hash is stored. Send it as{" "}
            <code className="rounded bg-slate-100 px-1">Authorization: Bearer …</code>.
          </p>
          <p
            data-testid="api-token"
            className="break-all rounded-lg bg-slate-50 p-4 font-mono text-sm text-slate-900 select-all"
          >
            {created.token}
          </p>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => void copy(created.token)}>
              Copy
            </Button>
            <Button onClick={() => close(false)}>Done</Button>
          </div>
        </div>
      ) : (
        <form noValidate className="space-y-4" onSubmit={(e) => void submit(e)}>
          <FormField form={form} name="name" label="Name" placeholder="billing-sync" hint="Say which system uses it." />
          <div className="space-y-1">
            <label htmlFor={expiryId} className="block text-sm font-medium text-slate-700">
              Expires after
            </label>
            <select
              id={expiryId}
              className={inputClass}
              {...form.register("expiresInDays", {
                setValueAs: (v: string | number) => (v === "" ? undefined : Number(v)),
              })}
            >
              {EXPIRY_CHOICES.map((c) => (
                <option key={c.label} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
            {errors.expiresInDays && (
              <p className="text-xs text-red-600" role="alert">
                {errors.expiresInDays.message}
              </p>
            )}
          </div>
          <div className="flex justify-end gap-2 pt-2">
            <Button type="button" variant="secondary" onClick={() => close(false)}>
              Cancel
            </Button>
            <Button type="submit" busy={form.formState.isSubmitting}>
              Create token
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
