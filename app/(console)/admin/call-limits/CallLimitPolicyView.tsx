"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { PlatformCallLimitNotices } from "@/components/callLimits/CallLimitNotices";
import { CheckboxField } from "@/components/forms/CheckboxField";
import { FormField } from "@/components/forms/FormField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice } from "@/components/ui/AccessNotice";
import { Button } from "@/components/ui/Button";
import { PageHeader } from "@/components/ui/PageHeader";
import { callLimitPolicyFormSchema } from "@/server/callLimits/schemas";

type FormInput = z.input<typeof callLimitPolicyFormSchema>;
type FormOutput = z.output<typeof callLimitPolicyFormSchema>;

/** The platform's abuse-limit switches; each tenant's own limits are on its tenant page. */
export function CallLimitPolicyView() {
  const trpc = useTRPC();
  const policy = useQuery(trpc.callLimits.policy.queryOptions());
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(callLimitPolicyFormSchema),
    values: policy.data && { ...policy.data, premiumPrefixes: policy.data.premiumPrefixes.join(", ") },
  });
  const save = useToastMutation(trpc.callLimits.setPolicy.mutationOptions(), {
    success: () => "Abuse-limit policy saved",
    invalidate: [trpc.callLimits.policy.queryKey()],
    setError: form.setError,
  });
  if (policy.error) return <AccessNotice code={policy.error.data?.code} />;
  const number = { valueAsNumber: true } as const;
  return (
    <>
      <PageHeader
        title="Abuse limits"
        description="When a tenant trips its limits repeatedly: an audit row, an event, a dashboard notice, and optionally an automatic outbound block."
      />
      <PlatformCallLimitNotices />
      <section className="max-w-2xl rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-label="Policy">
        <form noValidate className="space-y-4" onSubmit={form.handleSubmit((v) => save.mutate(v))}>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <FormField form={form} name="tripThreshold" options={number} type="number" label="Trips (N)" />
            <FormField form={form} name="tripWindowMinutes" options={number} type="number" label="Within minutes (M)" />
          </div>
          <CheckboxField
            label="Block a tenant's outbound calls automatically after N trips in M minutes"
            hint="Emergency numbers still connect. Unblock on the tenant's page."
            {...form.register("autoBlockEnabled")}
          />
          <FormField
            form={form}
            name="premiumPrefixes"
            label="Premium-rate prefixes"
            hint="Comma-separated, matched against the number as dialled and as sent to the trunk (00/011 read as +)."
          />
          <div className="flex justify-end">
            <Button type="submit" busy={save.isPending} disabled={!form.formState.isDirty}>
              Save policy
            </Button>
          </div>
        </form>
      </section>
    </>
  );
}
