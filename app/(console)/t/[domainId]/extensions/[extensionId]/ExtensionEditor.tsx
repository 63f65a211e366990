"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { CheckboxField } from "@/components/forms/CheckboxField";
import { ConfirmDialog } from "@/components/forms/ConfirmDialog";
import { FormField } from "@/components/forms/FormField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { PageHeader } from "@/components/ui/PageHeader";
import { updateExtensionSchema } from "@/server/extensions/schemas";
import type { ExtensionView } from "@/server/extensions/service";
import { ForwardingFields, forwardingValuesOf } from "./ForwardingFields";

type FormInput = z.input<typeof updateExtensionSchema>;
type FormOutput = z.output<typeof updateExtensionSchema>;

const CODECS = ["OPUS", "G722", "PCMU", "PCMA", "G729"] as const;
const TOLL_CLASSES = [
  { value: "local", label: "Local" },
  { value: "domestic", label: "Domestic" },
  { value: "international", label: "International" },
] as const;

function valuesOf(e: ExtensionView): FormInput {
  return {
    id: e.id,
    displayName: e.displayName,
    voicemailEnabled: e.voicemailEnabled,
    voicemailEmail: e.voicemailEmail ?? "",
    internalCallerIdName: e.internalCallerIdName ?? "",
    internalCallerIdNumber: e.internalCallerIdNumber ?? "",
    externalCallerIdName: e.externalCallerIdName ?? "",
    externalCallerIdNumber: e.externalCallerIdNumber ?? "",
    ...forwardingValuesOf(e),
    maxCalls: e.maxCalls,
    codecs: e.codecs as FormInput["codecs"],
    recordCalls: e.recordCalls,
    tollAllow: e.tollAllow as FormInput["tollAllow"],
    cidr: e.cidr ?? "",
    enabled: e.enabled,
  };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 className="mb-4 text-base font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

export function ExtensionEditor({ domainId, extensionId }: { domainId: string; extensionId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const [newPassword, setNewPassword] = useState<string | null>(null);
  const extension = useQuery(trpc.extensions.get.queryOptions({ domainId, id: extensionId }));
  const form = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(updateExtensionSchema) });

  useEffect(() => {
    if (extension.data) form.reset(valuesOf(extension.data));
  }, [extension.data, form]);

  const changed = [trpc.extensions.get.queryKey({ domainId, id: extensionId }), trpc.extensions.list.queryKey()];
  const update = useToastMutation(trpc.extensions.update.mutationOptions(), {
    success: (e) => `Extension ${e.number} saved`,
    invalidate: changed,
    setError: form.setError,
  });
  const toggle = useToastMutation(trpc.extensions.update.mutationOptions(), {
    success: (e) => `Extension ${e.number} ${e.enabled ? "enabled" : "disabled"}`,
    invalidate: changed,
  });
  const reset = useToastMutation(trpc.extensions.resetSipPassword.mutationOptions(), {
    success: () => "SIP password reset",
    onDone: (result) => {
      setConfirmReset(false);
      setNewPassword(result.sipPassword);
    },
    invalidate: changed,
  });
  const remove = useToastMutation(trpc.extensions.delete.mutationOptions(), {
    success: () => `Extension ${extension.data?.number ?? ""} deleted`,
    onDone: () => router.push(`/t/${domainId}/extensions`),
    invalidate: [trpc.extensions.list.queryKey()],
  });

  if (extension.isPending) return <p className="py-12 text-center text-sm text-slate-500">Loading extension…</p>;
  if (extension.isError) {
    return (
      <PageHeader
        title="Extension not found"
        description={
          <Link className="text-brand-700 hover:underline" href={`/t/${domainId}/extensions`}>
            Back to extensions
          </Link>
        }
      />
    );
  }
  const e = extension.data;
  const errors = form.formState.errors;

  return (
    <>
      <PageHeader
        title={`${e.number} · ${e.displayName}`}
        description={
          <span className="flex items-center gap-2">
            <Link className="text-brand-700 hover:underline" href={`/t/${domainId}/extensions`}>
              Extensions
            </Link>
            <Badge tone={e.enabled ? "green" : "slate"}>{e.enabled ? "Enabled" : "Disabled"}</Badge>
            <span>SIP password set {e.sipPasswordChangedAt.toLocaleDateString()}</span>
          </span>
        }
        actions={
          <>
            <Button
              variant="secondary"
              busy={toggle.isPending}
              onClick={() => toggle.mutate({ domainId, id: e.id, enabled: !e.enabled })}
            >
              {e.enabled ? "Disable" : "Enable"}
            </Button>
            <Button variant="secondary" onClick={() => setConfirmReset(true)}>
              Reset SIP password
            </Button>
            <Button variant="danger" onClick={() => setConfirmDelete(true)}>
              Delete
            </Button>
          </>
        }
      />
      <form noValidate className="space-y-6" onSubmit={form.handleSubmit((v) => update.mutate({ ...v, domainId }))}>
        <Section title="General">
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField form={form} name="displayName" label="Display name" />
            <FormField
              form={form}
              name="maxCalls"
              label="Concurrent calls"
              type="number"
              hint="0 = no per-extension limit"
              options={{ valueAsNumber: true }}
            />
            <FormField form={form} name="cidr" label="Allowed source network (optional)" placeholder="203.0.113.0/24" />
          </div>
        </Section>
        <Section title="Caller ID">
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField form={form} name="internalCallerIdName" label="Internal name" />
            <FormField form={form} name="internalCallerIdNumber" label="Internal number" />
            <FormField form={form} name="externalCallerIdName" label="External name" />
            <FormField form={form} name="externalCallerIdNumber" label="External number" placeholder="+15551230001" />
          </div>
        </Section>
        <Section title="Voicemail">
          <div className="grid gap-4 sm:grid-cols-2">
            <CheckboxField label="Voicemail enabled" {...form.register("voicemailEnabled")} />
            <div />
            <FormField form={form} name="voicemailEmail" label="Notification email" type="email" />
            <FormField
              form={form}
              name="voicemailPin"
              label="New voicemail PIN"
              type="password"
              inputMode="numeric"
              autoComplete="new-password"
              hint="Leave empty to keep the current PIN."
              options={{ setValueAs: (v: string) => (v === "" ? undefined : v) }}
            />
          </div>
        </Section>
        <Section title="Forwarding and do not disturb">
          <ForwardingFields register={(name, options) => form.register(name, options)} errors={errors} />
        </Section>
        <Section title="Calling">
          <div className="grid gap-6 sm:grid-cols-3">
            <fieldset className="space-y-2">
              <legend className="mb-1 text-sm font-medium text-slate-700">May dial</legend>
              {TOLL_CLASSES.map((t) => (
                <CheckboxField key={t.value} label={t.label} value={t.value} {...form.register("tollAllow")} />
              ))}
            </fieldset>
            <fieldset className="space-y-2">
              <legend className="mb-1 text-sm font-medium text-slate-700">Codecs</legend>
              {CODECS.map((c) => (
                <CheckboxField key={c} label={c} value={c} {...form.register("codecs")} />
              ))}
              {errors.codecs && (
                <p className="text-xs text-red-600" role="alert">
                  Choose at least one codec
                </p>
              )}
            </fieldset>
            <CheckboxField label="Record calls" {...form.register("recordCalls")} />
          </div>
        </Section>
        <div className="flex justify-end gap-2">
          <Button
            type="button"
            variant="secondary"
            disabled={!form.formState.isDirty}
            onClick={() => form.reset(valuesOf(e))}
          >
            Discard changes
          </Button>
          <Button type="submit" busy={update.isPending}>
            Save changes
          </Button>
        </div>
      </form>
      <ConfirmDialog
        open={confirmReset}
        onOpenChange={setConfirmReset}
        title={`Reset the SIP password of ${e.number}?`}
        confirmLabel="Reset password"
        busy={reset.isPending}
        onConfirm={() => reset.mutate({ domainId, id: e.id })}
      >
        The phone stops registering until it is configured with the new password, which is shown once.
      </ConfirmDialog>
      <Dialog
        open={newPassword !== null}
        onOpenChange={(open) => !open && setNewPassword(null)}
        title={`New SIP password for ${e.number}`}
      >
        <div className="space-y-4">
          <p className="text-sm text-slate-600">Copy it now: it is shown only once and is never stored in clear.</p>
          <p className="rounded-lg bg-slate-50 p-4 font-mono text-sm" data-testid="sip-password">
            {newPassword}
          </p>
          <div className="flex justify-end gap-2">
            <Button
              variant="secondary"
              onClick={() =>
                newPassword && void navigator.clipboard?.writeText(newPassword).then(() => toast.success("Copied"))
              }
            >
              Copy
            </Button>
            <Button onClick={() => setNewPassword(null)}>Done</Button>
          </div>
        </div>
      </Dialog>
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={`Delete extension ${e.number}?`}
        confirmLabel="Delete extension"
        busy={remove.isPending}
        typeToConfirm={e.number}
        onConfirm={() => remove.mutate({ domainId, id: e.id })}
      >
        The phone stops working at once and {e.displayName} loses their voicemail settings. Ring groups drop it as a
        member.
      </ConfirmDialog>
    </>
  );
}
