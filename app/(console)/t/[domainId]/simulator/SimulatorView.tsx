"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { SelectField } from "@/components/forms/SelectField";
import { applyServerErrors } from "@/components/forms/serverErrors";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { PageHeader } from "@/components/ui/PageHeader";
import { simulateCallSchema } from "@/server/simulator/schemas";
import { describeRule } from "./describeRule";

type FormInput = z.input<typeof simulateCallSchema>;
type FormOutput = z.output<typeof simulateCallSchema>;

export function SimulatorView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const listId = useId();
  const [origin, setOrigin] = useState<"extension" | "outside">("extension");
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(simulateCallSchema),
    defaultValues: { fromExtension: "", dialed: "", at: "" },
  });
  const typedFrom = useWatch({ control: form.control, name: "fromExtension" }) ?? "";
  const extensions = useQuery(
    trpc.extensions.list.queryOptions({ domainId, pageSize: 20, search: typedFrom || undefined }),
  );
  const run = useMutation(
    trpc.simulator.run.mutationOptions({
      onError: (error) => {
        const message = applyServerErrors(error, form.setError);
        if (message) toast.error(message);
      },
    }),
  );
  const errors = form.formState.errors;

  if (extensions.error?.data?.code === "NOT_FOUND") {
    return <PageHeader title="Not found" description="This tenant does not exist or you do not have access to it." />;
  }

  return (
    <>
      <PageHeader
        title="Dialplan simulator"
        description="See what a call would do, and the exact XML FreeSWITCH would receive. Nothing is dialled and nothing changes."
      />
      <form
        noValidate
        className="mb-6 grid items-start gap-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:grid-cols-[12rem_1fr_1fr_14rem_auto]"
        onSubmit={form.handleSubmit((v) => run.mutate({ ...v, domainId }))}
      >
        <SelectField
          label="Call from"
          value={origin}
          onChange={(e) => {
            const next = e.target.value === "outside" ? "outside" : "extension";
            setOrigin(next);
            form.setValue("fromExtension", next === "outside" ? null : "");
          }}
        >
          <option value="extension">An extension</option>
          <option value="outside">Outside (a carrier)</option>
        </SelectField>
        {origin === "extension" ? (
          <div>
            <Field
              label="Calling extension"
              placeholder="1001"
              list={listId}
              autoComplete="off"
              inputMode="numeric"
              error={errors.fromExtension?.message}
              {...form.register("fromExtension")}
            />
            <datalist id={listId}>
              {extensions.data?.items.map((e) => (
                <option key={e.id} value={e.number}>
                  {e.displayName}
                </option>
              ))}
            </datalist>
          </div>
        ) : (
          <p className="self-end pb-2 text-sm text-slate-500">A call arriving from a trunk, as the carrier sends it.</p>
        )}
        <Field
          label={origin === "outside" ? "Number called (one of yours)" : "Dialled number"}
          placeholder={origin === "outside" ? "+15551230002" : "1002, *97, 15551234567"}
          inputMode="tel"
          error={errors.dialed?.message}
          {...form.register("dialed")}
        />
        <Field
          label="At (the domain's local time)"
          type="datetime-local"
          hint="Empty: now. Business hours take the branch of this moment."
          error={errors.at?.message}
          {...form.register("at")}
        />
        <Button type="submit" className="sm:mt-6" busy={run.isPending}>
          Simulate
        </Button>
      </form>

      {!run.data && !run.isPending && (
        <p className="rounded-xl border border-dashed border-slate-300 p-10 text-center text-sm text-slate-500">
          Choose who calls and what they dial, then press Simulate.
        </p>
      )}
      <div className="space-y-6" data-testid="simulation">
        {run.data?.map((step, i) => (
          <section key={`${step.context}-${i}`} className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <div className="mb-3 flex flex-wrap items-center gap-2 text-sm text-slate-600">
              <Badge tone="slate">Step {i + 1}</Badge>
              FreeSWITCH asks for <span className="font-mono text-slate-900">{step.dialed}</span> in context
              <span className="font-mono text-slate-900">{step.context}</span>
            </div>
            <p className="mb-3 text-base font-medium text-slate-900" data-testid="matched-rule">
              {describeRule(step.rule)}
            </p>
            {step.toggle && (
              <p className="mb-3 text-sm text-amber-800">
                On a real call this would also change extension {step.toggle.extension}: {step.toggle.change.field}{" "}
                {step.toggle.change.enabled ? "on" : "off"}.
              </p>
            )}
            {step.actions.length > 0 && (
              <ol className="mb-3 list-decimal space-y-0.5 pl-6 font-mono text-xs text-slate-700">
                {step.actions.map((a, j) => (
                  <li key={j}>
                    <span className="font-semibold">{a.app}</span> {a.data}
                  </li>
                ))}
              </ol>
            )}
            <details open={i === (run.data?.length ?? 0) - 1}>
              <summary className="cursor-pointer text-sm font-medium text-brand-700">XML sent to FreeSWITCH</summary>
              <pre
                className="mt-2 whitespace-pre-wrap break-all rounded-lg bg-slate-900 p-4 text-xs text-slate-100"
                data-testid="simulation-xml"
              >
                {step.xml}
              </pre>
            </details>
          </section>
        ))}
      </div>
    </>
  );
}
