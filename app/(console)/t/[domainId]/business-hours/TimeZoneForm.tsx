"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FormField } from "@/components/forms/FormField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { setTimeZoneSchema } from "@/server/timeConditions/schemas";

type FormInput = z.input<typeof setTimeZoneSchema>;

/** The one zone all of the domain's business hours are judged in. */
export function TimeZoneForm({ domainId, timeZone }: { domainId: string; timeZone: string }) {
  const trpc = useTRPC();
  const form = useForm<FormInput>({ resolver: zodResolver(setTimeZoneSchema), values: { timeZone } });
  const save = useToastMutation(trpc.timeConditions.setTimeZone.mutationOptions(), {
    success: (saved: { timeZone: string }) => `Time zone set to ${saved.timeZone}`,
    invalidate: [trpc.timeConditions.list.queryKey()],
    setError: form.setError,
  });
  return (
    <form
      noValidate
      className="mb-4 flex flex-wrap items-start gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
      onSubmit={form.handleSubmit((v) => save.mutate({ ...v, domainId }))}
    >
      <FormField
        form={form}
        name="timeZone"
        label="Time zone"
        className="min-w-64"
        placeholder="Europe/Berlin"
        hint="IANA name; hours and holidays are read on this clock, daylight saving included."
      />
      <Button type="submit" variant="secondary" className="mt-6" busy={save.isPending}>
        Save time zone
      </Button>
    </form>
  );
}
