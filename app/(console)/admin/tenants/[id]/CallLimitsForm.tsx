"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { CheckboxField } from "@/components/forms/CheckboxField";
import { FormField } from "@/components/forms/FormField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { callLimitsFormSchema } from "@/server/callLimits/schemas";
import type { TenantCallLimits } from "@/server/callLimits/service";

type FormInput = z.input<typeof callLimitsFormSchema>;
type FormOutput = z.output<typeof callLimitsFormSchema>;

const minutesText = (n: number | null) => (n === null ? "" : String(n));

/** The platform sets a tenant's abuse limits (the tenant sees them read-only). 0 = no limit, empty = no cap. */
export function CallLimitsForm({ domainId, limits }: { domainId: string; limits: TenantCallLimits }) {
  const trpc = useTRPC();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(callLimitsFormSchema),
    values: {
      outboundCallsPerSecond: limits.outboundCallsPerSecond,
      maxOutboundCalls: limits.maxOutboundCalls,
      edgeCallsPerSecond: limits.edgeCallsPerSecond,
      edgeConcurrentCalls: limits.edgeConcurrentCalls,
      allowInternational: limits.allowInternational,
      allowPremium: limits.allowPremium,
      allowedPrefixes: limits.allowedPrefixes.join(", "),
      tenantDailyMinutes: minutesText(limits.tenantDailyMinutes),
      extensionDailyMinutes: minutesText(limits.extensionDailyMinutes),
    },
  });
  const save = useToastMutation(trpc.callLimits.set.mutationOptions(), {
    success: () => "Abuse limits saved",
    invalidate: [trpc.callLimits.get.queryKey({ domainId })],
    setError: form.setError,
  });
  const number = { valueAsNumber: true } as const;
  return (
    <form noValidate className="space-y-4" onSubmit={form.handleSubmit((v) => save.mutate({ domainId, ...v }))}>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <FormField
          form={form}
          name="outboundCallsPerSecond"
          options={number}
          type="number"
          label="Outbound calls per second"
          hint="FreeSWITCH limit; over it: 503 (NORMAL_CIRCUIT_CONGESTION). 0 = no limit."
        />
        <FormField
          form={form}
          name="maxOutboundCalls"
          options={number}
          type="number"
          label="Concurrent outbound calls"
          hint="Over it: 503 (SWITCH_CONGESTION). 0 = no limit."
        />
        <FormField
          form={form}
          name="edgeCallsPerSecond"
          options={number}
          type="number"
          label="Edge: new calls per second"
          hint="Enforced by Kamailio for all of the tenant's calls: 503 + Retry-After."
        />
        <FormField
          form={form}
          name="edgeConcurrentCalls"
          options={number}
          type="number"
          label="Edge: concurrent calls"
          hint="Enforced by Kamailio: 503 Tenant Call Limit Reached."
        />
      </div>
      <CheckboxField
        label="Allow international destinations"
        hint="Off by default: 403 (OUTGOING_CALL_BARRED)."
        {...form.register("allowInternational")}
      />
      <CheckboxField
        label="Allow premium-rate destinations"
        hint="The platform's premium-rate prefixes; off by default."
        {...form.register("allowPremium")}
      />
      <FormField
        form={form}
        name="allowedPrefixes"
        label="Always allowed prefixes"
        placeholder="+44, +33"
        hint="Comma-separated; 00 and 011 are read as +. Allowed even with the switches above off."
      />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <FormField
          form={form}
          name="tenantDailyMinutes"
          inputMode="numeric"
          label="Tenant outbound minutes per day"
          hint="UTC day, from call records. Empty = no cap; over it: 403 (CALL_REJECTED)."
        />
        <FormField
          form={form}
          name="extensionDailyMinutes"
          inputMode="numeric"
          label="Each extension's outbound minutes per day"
          hint="Empty = no cap."
        />
      </div>
      <div className="flex justify-end">
        <Button type="submit" busy={save.isPending} disabled={!form.formState.isDirty}>
          Save abuse limits
        </Button>
      </div>
    </form>
  );
}
