"use client";

import { useState } from "react";
import { SelectField } from "@/components/forms/SelectField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { holdMusicChoiceSchema, STOCK_HOLD_MUSIC, type HoldMusicChoice as Choice } from "@/server/musicOnHold/schemas";

/** The select's value for "the node's default" (a select cannot hold null). */
const NODE_DEFAULT = "";

/** What callers on hold hear: the node's default, a stock class, or the uploaded files. */
export function HoldMusicChoice({
  domainId,
  saved,
  fileCount,
}: {
  domainId: string;
  saved: Choice;
  fileCount: number;
}) {
  const trpc = useTRPC();
  // What the admin picked stays selected; once saved it is what `saved` says too.
  const [picked, setPicked] = useState<string | null>(null);
  const value = picked ?? saved ?? NODE_DEFAULT;
  const save = useToastMutation(trpc.musicOnHold.setChoice.mutationOptions(), {
    success: () => "Hold music saved",
    invalidate: [trpc.musicOnHold.get.queryKey()],
  });
  const choice = holdMusicChoiceSchema.parse(value === NODE_DEFAULT ? null : value);
  return (
    <section aria-label="Hold music" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <form
        className="flex flex-wrap items-end gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ domainId, choice });
        }}
      >
        <SelectField
          label="Callers on hold hear"
          className="min-w-72"
          value={value}
          onChange={(e) => setPicked(e.target.value)}
          hint={
            choice === "uploaded" && fileCount === 0
              ? "No files uploaded yet: calls get the node's default until you upload one."
              : "Also played to parked calls, callers waiting in a queue and a lone conference caller."
          }
        >
          <option value={NODE_DEFAULT}>The telephony node&apos;s default</option>
          {STOCK_HOLD_MUSIC.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
            </option>
          ))}
          <option value="uploaded">Our uploaded files, in order</option>
        </SelectField>
        <Button type="submit" busy={save.isPending} disabled={choice === saved}>
          Save
        </Button>
      </form>
    </section>
  );
}
