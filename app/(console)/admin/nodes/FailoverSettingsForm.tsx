"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { FormField } from "@/components/forms/FormField";
import { SelectField } from "@/components/forms/SelectField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { failoverDetectionRuleSchema } from "@/server/cluster/failover/schemas";

const RULES = {
  EITHER: "Either signal (default): heartbeat lost or Kamailio reports it inactive",
  BOTH: "Both signals, where the node gives both",
  KAMAILIO_INACTIVE: "Kamailio reports it inactive on every proxy",
  HEARTBEAT_LOST: "Its event-socket heartbeat is lost",
} as const;

// The form speaks seconds and minutes (blank = off); the API takes milliseconds and nullable minutes.
const FormSchema = z.object({
  detectionRule: failoverDetectionRuleSchema,
  hysteresisSec: z.number({ error: "Enter seconds" }).int().min(0).max(86_400),
  autoRestoreAfterMin: z.number().int().min(1).max(10_080).nullable(),
  drainDeadlineMin: z.number().int().min(1).max(10_080).nullable(),
});
type FormValues = z.infer<typeof FormSchema>;

const optionalMinutes = { setValueAs: (v: string) => (v === "" || v === null ? null : Number(v)) };

/** The platform's failover settings: when a node counts as down, hysteresis, automatic restore, drain deadline. */
export function FailoverSettingsForm() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.failover.settings.get.queryOptions());
  const form = useForm<FormValues>({
    resolver: zodResolver(FormSchema),
    values: settings.data && {
      detectionRule: settings.data.detectionRule,
      hysteresisSec: Math.round(settings.data.hysteresisMs / 1000),
      autoRestoreAfterMin: settings.data.autoRestoreAfterMin,
      drainDeadlineMin: settings.data.drainDeadlineMin,
    },
  });
  const save = useToastMutation(trpc.failover.settings.update.mutationOptions(), {
    success: () => "Failover settings saved",
    invalidate: [trpc.failover.settings.get.queryKey()],
  });
  if (!settings.data) return null;
  return (
    <section aria-label="Failover settings" className="mt-8 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 className="mb-4 text-base font-semibold text-slate-900">Failover settings</h2>
      <form
        noValidate
        className="grid grid-cols-1 gap-4 sm:grid-cols-2"
        onSubmit={form.handleSubmit(({ hysteresisSec, ...v }) =>
          save.mutate({ ...v, hysteresisMs: hysteresisSec * 1000 }),
        )}
      >
        <SelectField
          label="A node is down when"
          error={form.formState.errors.detectionRule?.message}
          {...form.register("detectionRule")}
        >
          {failoverDetectionRuleSchema.options.map((r) => (
            <option key={r} value={r}>
              {RULES[r]}
            </option>
          ))}
        </SelectField>
        <FormField
          form={form}
          name="hysteresisSec"
          type="number"
          options={{ valueAsNumber: true }}
          label="Hysteresis (seconds)"
          hint="At most one failover move per tenant within this window."
        />
        <FormField
          form={form}
          name="autoRestoreAfterMin"
          type="number"
          options={optionalMinutes}
          label="Restore automatically after (minutes up)"
          hint="Blank: moving back is your decision."
        />
        <FormField
          form={form}
          name="drainDeadlineMin"
          type="number"
          options={optionalMinutes}
          label="Default drain deadline (minutes)"
          hint="Blank: drains have no deadline unless one is given."
        />
        <div className="flex justify-end sm:col-span-2">
          <Button type="submit" busy={save.isPending} disabled={!form.formState.isDirty}>
            Save
          </Button>
        </div>
      </form>
    </section>
  );
}
