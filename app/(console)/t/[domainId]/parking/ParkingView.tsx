"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { CheckboxField } from "@/components/forms/CheckboxField";
import { FormField } from "@/components/forms/FormField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice, isAccessDenied } from "@/components/ui/AccessNotice";
import { Button } from "@/components/ui/Button";
import { PageHeader } from "@/components/ui/PageHeader";
import { PARK_CODE, updateParkingSchema } from "@/server/parking/schemas";

type FormInput = z.input<typeof updateParkingSchema>;
type FormOutput = z.output<typeof updateParkingSchema>;
const asNumber = { valueAsNumber: true } as const;

/** The tenant's parking lot: on or off, its slot range and how long a parked call waits. */
export function ParkingView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const lot = useQuery(trpc.parking.get.queryOptions({ domainId }));
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(updateParkingSchema),
    values: lot.data && {
      enabled: lot.data.enabled,
      firstSlot: lot.data.firstSlot,
      lastSlot: lot.data.lastSlot,
      timeoutSeconds: lot.data.timeoutSeconds,
    },
  });
  const save = useToastMutation(trpc.parking.update.mutationOptions(), {
    success: (saved) => (saved.enabled ? "Call parking saved" : "Call parking is off"),
    invalidate: [trpc.parking.get.queryKey()],
    setError: form.setError,
  });

  const code = lot.error?.data?.code;
  if (isAccessDenied(code)) return <AccessNotice code={code} audience="tenant" />;

  return (
    <>
      <PageHeader
        title="Call parking"
        description={`Transfer a call to ${PARK_CODE} to park it in the first free slot (the phone announces which); dial the slot from any phone of this domain to take it back.`}
      />
      {lot.error && (
        <p role="alert" className="text-sm text-red-600">
          {lot.error.message}
        </p>
      )}
      {lot.data && (
        <section aria-label="Parking lot" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <form
            noValidate
            className="grid grid-cols-1 gap-4 sm:grid-cols-3"
            onSubmit={form.handleSubmit((v) => save.mutate({ ...v, domainId }))}
          >
            <div className="sm:col-span-3">
              <CheckboxField
                label="Parking on"
                hint="When on, the slot numbers are taken: no extension, ring group, IVR menu or room may use them."
                {...form.register("enabled")}
              />
            </div>
            <FormField form={form} name="firstSlot" label="First slot" type="number" options={asNumber} />
            <FormField form={form} name="lastSlot" label="Last slot" type="number" options={asNumber} />
            <FormField
              form={form}
              name="timeoutSeconds"
              label="Ring back after (seconds)"
              type="number"
              options={asNumber}
              hint="A call nobody takes back rings the phone that parked it."
            />
            <div className="flex justify-end sm:col-span-3">
              <Button type="submit" busy={save.isPending} disabled={lot.data.saved && !form.formState.isDirty}>
                Save
              </Button>
            </div>
          </form>
        </section>
      )}
    </>
  );
}
