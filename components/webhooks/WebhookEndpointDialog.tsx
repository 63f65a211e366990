"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { applyServerErrors } from "@/components/forms/serverErrors";
import { FormField } from "@/components/forms/FormField";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import type { WebhookEventType } from "@/server/webhooks/eventTypes";
import { createWebhookEndpointSchema, type CreateWebhookEndpointInput } from "@/server/webhooks/schemas";
import type { WebhookEndpointView } from "@/server/webhooks/service";
import { SigningSecretPanel } from "./SigningSecretPanel";

type FormInput = z.input<typeof createWebhookEndpointSchema>;
type FormOutput = z.output<typeof createWebhookEndpointSchema>;

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** null: a new endpoint. */
  editing: WebhookEndpointView | null;
  events: readonly WebhookEventType[];
  save: (values: CreateWebhookEndpointInput) => Promise<{ secret?: string }>;
};

/** New or edit: URL, description and the events it receives. A new endpoint's signing secret is shown once. */
export function WebhookEndpointDialog({ open, onOpenChange, editing, events, save }: Props) {
  const [secret, setSecret] = useState<string | null>(null);
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createWebhookEndpointSchema),
    values: editing
      ? { url: editing.url, description: editing.description, events: editing.events as WebhookEventType[] }
      : { url: "", description: "", events: [] },
  });
  const eventsError = form.formState.errors.events?.message;

  const submit = form.handleSubmit(async (values) => {
    try {
      const result = await save(values);
      toast.success(editing ? "Webhook saved" : "Webhook created");
      if (result.secret) setSecret(result.secret);
      else onOpenChange(false);
    } catch (error) {
      const message = applyServerErrors(error, form.setError);
      if (message) toast.error(message);
    }
  });

  const close = (next: boolean) => {
    if (!next) setSecret(null);
    onOpenChange(next);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title={secret ? "Signing secret" : editing ? "Edit webhook" : "New webhook"}
      description={secret ? undefined : "Events are POSTed as JSON, signed, and retried with backoff for 24 hours."}
    >
      {secret ? (
        <SigningSecretPanel secret={secret} onDone={() => close(false)} />
      ) : (
        <form noValidate className="space-y-4" onSubmit={(e) => void submit(e)}>
          <FormField form={form} name="url" label="URL" placeholder="https://hooks.example.com/switchboard" />
          <FormField form={form} name="description" label="Description" placeholder="CRM sync" />
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">Events</legend>
            <div className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2">
              {events.map((type) => (
                <label key={type} className="flex items-center gap-2 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    value={type}
                    className="size-4 rounded border-slate-300"
                    {...form.register("events")}
                  />
                  <span className="font-mono text-xs">{type}</span>
                </label>
              ))}
            </div>
            {eventsError && (
              <p className="mt-1 text-xs text-red-600" role="alert">
                {eventsError}
              </p>
            )}
          </fieldset>
          <div className="flex justify-end gap-2 pt-2">
            <Button type="button" variant="secondary" onClick={() => close(false)}>
              Cancel
            </Button>
            <Button type="submit" busy={form.formState.isSubmitting}>
              {editing ? "Save" : "Create webhook"}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
