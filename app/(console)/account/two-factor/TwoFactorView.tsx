"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FormField } from "@/components/forms/FormField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { EnrolmentDetails } from "@/components/twoFactor/EnrolmentDetails";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { PageHeader } from "@/components/ui/PageHeader";
import type { EnrolmentStart } from "@/server/twoFactor/enrolment";
import { confirmEnrolmentSchema } from "@/server/twoFactor/schemas";
import { DisableTwoFactorForm } from "./DisableTwoFactorForm";

type ConfirmInput = z.input<typeof confirmEnrolmentSchema>;

/** A person's own two-factor sign-in: set it up (again), see what is left, turn it off. */
export function TwoFactorView() {
  const trpc = useTRPC();
  const status = useQuery(trpc.twoFactor.status.queryOptions());
  const [start, setStart] = useState<EnrolmentStart | null>(null);
  const begin = useToastMutation(trpc.twoFactor.beginEnrolment.mutationOptions(), {
    success: () => "Scan the QR code, then enter the code your app shows",
    onDone: setStart,
  });
  const form = useForm<ConfirmInput>({ resolver: zodResolver(confirmEnrolmentSchema), defaultValues: { code: "" } });
  const confirm = useToastMutation(trpc.twoFactor.confirmEnrolment.mutationOptions(), {
    success: () => "Two-factor sign-in is on",
    invalidate: [trpc.twoFactor.status.queryKey()],
    onDone: () => {
      setStart(null);
      form.reset();
    },
    setError: form.setError,
  });

  const s = status.data;
  return (
    <>
      <PageHeader
        title="Two-factor sign-in"
        description="A code from an authenticator app on your phone, asked for after your password."
      />
      <section className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        {!s ? (
          <p className="text-sm text-slate-500">Loading…</p>
        ) : (
          <div className="flex flex-wrap items-center gap-3 text-sm text-slate-700" data-testid="two-factor-status">
            {s.enabled ? <Badge tone="green">On</Badge> : <Badge tone="slate">Off</Badge>}
            {s.enabled && s.enabledAt && <span>since {s.enabledAt.toLocaleString()}</span>}
            {s.enabled && <span>{s.recoveryCodesLeft} recovery codes left</span>}
            {s.required && <span className="text-amber-700">Required for your account by your administrators.</span>}
          </div>
        )}
        {start ? (
          <form noValidate className="space-y-4" onSubmit={form.handleSubmit((v) => confirm.mutate(v))}>
            <EnrolmentDetails start={start} />
            <FormField
              form={form}
              name="code"
              label="Code from your app"
              autoComplete="one-time-code"
              inputMode="numeric"
            />
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={() => setStart(null)}>
                Cancel
              </Button>
              <Button type="submit" busy={confirm.isPending}>
                Turn on
              </Button>
            </div>
          </form>
        ) : (
          s && (
            <div className="flex justify-end">
              <Button
                type="button"
                variant={s.enabled ? "secondary" : "primary"}
                busy={begin.isPending}
                onClick={() => begin.mutate()}
              >
                {s.enabled ? "Set up again (new phone)" : "Set up two-factor sign-in"}
              </Button>
            </div>
          )
        )}
      </section>
      {s?.enabled && !s.required && !start && <DisableTwoFactorForm />}
    </>
  );
}
