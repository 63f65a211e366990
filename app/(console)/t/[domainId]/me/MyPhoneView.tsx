"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FormField } from "@/components/forms/FormField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice } from "@/components/ui/AccessNotice";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { PageHeader } from "@/components/ui/PageHeader";
import { updateOwnExtensionSchema } from "@/server/extensions/schemas";
import { ForwardingFields, forwardingValuesOf } from "../extensions/[extensionId]/ForwardingFields";
import { Card } from "./Card";
import { ChangePasswordForm } from "./ChangePasswordForm";
import { MyCallsSection } from "./MyCallsSection";
import { MyQueuesCard } from "./MyQueuesCard";

type FormInput = z.input<typeof updateOwnExtensionSchema>;
type FormOutput = z.output<typeof updateOwnExtensionSchema>;

/** An end user's page: their own phone's forwarding, DND and voicemail PIN, and their portal password. */
export function MyPhoneView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mine = useQuery({ ...trpc.extensions.mine.queryOptions({ domainId }), retry: false });
  const form = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(updateOwnExtensionSchema) });
  useEffect(() => {
    if (mine.data) form.reset(forwardingValuesOf(mine.data));
  }, [mine.data, form]);
  const save = useToastMutation(trpc.extensions.updateMine.mutationOptions(), {
    success: () => "Your phone settings were saved",
    onDone: (e) => queryClient.setQueryData(trpc.extensions.mine.queryKey({ domainId }), e),
    setError: form.setError,
  });

  if (mine.isPending) return <p className="py-12 text-center text-sm text-slate-500">Loading your phone…</p>;
  if (mine.error?.data?.code === "NOT_FOUND") return <AccessNotice code="NOT_FOUND" />;
  if (mine.isError) {
    return (
      <>
        <PageHeader
          title="My phone"
          description={
            mine.error.message === "Your account has no extension"
              ? "Your account has no phone of its own."
              : mine.error.message
          }
        />
        <Card title="Portal password">
          <ChangePasswordForm />
        </Card>
      </>
    );
  }
  const e = mine.data;
  const errors = form.formState.errors;
  return (
    <>
      <PageHeader
        title="My phone"
        description={
          <span className="flex items-center gap-2">
            Extension <span className="font-mono font-medium text-slate-700">{e.number}</span> · {e.displayName}
            {e.dnd && <Badge tone="amber">Do not disturb</Badge>}
          </span>
        }
      />
      <div className="space-y-6">
        <Card title="Calls" description="Where your calls go when you cannot take them.">
          <form noValidate className="space-y-4" onSubmit={form.handleSubmit((v) => save.mutate({ ...v, domainId }))}>
            <ForwardingFields register={(name, options) => form.register(name, options)} errors={errors} />
            <FormField
              form={form}
              name="voicemailPin"
              label="New voicemail PIN"
              type="password"
              inputMode="numeric"
              autoComplete="new-password"
              className="max-w-xs"
              hint={
                e.voicemailEnabled
                  ? "4 to 10 digits. Leave empty to keep your PIN."
                  : "Voicemail is off for your phone."
              }
              options={{ setValueAs: (v: string) => (v === "" ? undefined : v) }}
            />
            <div className="flex justify-end">
              <Button type="submit" busy={save.isPending}>
                Save
              </Button>
            </div>
          </form>
        </Card>
        <MyQueuesCard domainId={domainId} />
        <Card
          title="Portal password"
          description="The password you sign in to this portal with (not your phone's SIP password)."
        >
          <ChangePasswordForm />
        </Card>
        <MyCallsSection domainId={domainId} />
      </div>
    </>
  );
}
