"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { SelectField } from "./SelectField";
import { useTRPC } from "@/components/providers/trpc";
import { Field } from "@/components/ui/Field";
import type { DestinationType } from "@/server/db/generated/enums";
import { DESTINATION_LABELS, DESTINATION_TYPES } from "@/server/shared/destinationSchema";

type Suggestion = { number: string; label: string };
export type DestinationSuggestions = Partial<Record<DestinationType, Suggestion[]>>;

/** The domain's numbers, offered as suggestions while typing a destination (first 200 of each kind). */
export function useDestinationSuggestions(domainId: string): DestinationSuggestions {
  const trpc = useTRPC();
  const extensions = useQuery(trpc.extensions.list.queryOptions({ domainId, pageSize: 200 }));
  const groups = useQuery(trpc.ringGroups.list.queryOptions({ domainId, pageSize: 200 }));
  const menus = useQuery(trpc.ivrMenus.list.queryOptions({ domainId, pageSize: 200 }));
  const hours = useQuery(trpc.timeConditions.list.queryOptions({ domainId, pageSize: 200 }));
  const rooms = useQuery(trpc.conferenceRooms.list.queryOptions({ domainId, pageSize: 200 }));
  const queues = useQuery(trpc.callQueues.list.queryOptions({ domainId, pageSize: 200 }));
  const ext = extensions.data?.items.map((e) => ({ number: e.number, label: e.displayName })) ?? [];
  return {
    EXTENSION: ext,
    VOICEMAIL:
      extensions.data?.items
        .filter((e) => e.voicemailEnabled)
        .map((e) => ({ number: e.number, label: e.displayName })) ?? [],
    RING_GROUP: groups.data?.items.map((g) => ({ number: g.number, label: g.name })) ?? [],
    IVR_MENU: menus.data?.items.map((m) => ({ number: m.number, label: m.name })) ?? [],
    TIME_CONDITION: hours.data?.items.map((h) => ({ number: h.number, label: h.name })) ?? [],
    CONFERENCE: rooms.data?.items.map((r) => ({ number: r.number, label: r.name })) ?? [],
    QUEUE: queues.data?.items.map((q) => ({ number: q.number, label: q.name })) ?? [],
  };
}

type Props = {
  label: string;
  type: DestinationType;
  typeField: UseFormRegisterReturn;
  targetField: UseFormRegisterReturn;
  typeError?: string;
  targetError?: string;
  suggestions: DestinationSuggestions;
};

/** "Where the call goes": a kind, and the number it goes to (none for hang up). */
export function DestinationFields({ label, type, typeField, targetField, typeError, targetError, suggestions }: Props) {
  const listId = useId();
  const options = suggestions[type] ?? [];
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <SelectField label={label} error={typeError} {...typeField}>
        {DESTINATION_TYPES.map((t) => (
          <option key={t} value={t}>
            {DESTINATION_LABELS[t]}
          </option>
        ))}
      </SelectField>
      {type !== "HANGUP" && (
        <div>
          <Field
            label={type === "EXTERNAL" ? `${label}: outside number` : `${label}: number`}
            placeholder={type === "EXTERNAL" ? "+15551234567" : "1001"}
            list={options.length > 0 ? listId : undefined}
            autoComplete="off"
            error={targetError}
            {...targetField}
          />
          <datalist id={listId}>
            {options.map((o) => (
              <option key={o.number} value={o.number}>
                {o.label}
              </option>
            ))}
          </datalist>
        </div>
      )}
    </div>
  );
}
