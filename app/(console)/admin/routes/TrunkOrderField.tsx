"use client";

import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import type { TrunkChoice } from "@/server/routes/service";

type Props = { value: string[]; onChange: (ids: string[]) => void; choices: TrunkChoice[]; error?: string };

/** The ordered trunk list of a route: the first is tried first, the rest fail over in order. */
export function TrunkOrderField({ value, onChange, choices, error }: Props) {
  const byId = new Map(choices.map((c) => [c.id, c]));
  const available = choices.filter((c) => !value.includes(c.id));
  const move = (from: number, to: number) => {
    const next = [...value];
    const [item] = next.splice(from, 1);
    if (item !== undefined) next.splice(to, 0, item);
    onChange(next);
  };
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">Trunks, in failover order</legend>
      {value.length === 0 && <p className="text-sm text-slate-500">No trunk yet: add at least one.</p>}
      <ol className="space-y-1">
        {value.map((id, i) => (
          <li key={id} className="flex items-center gap-2 rounded-md bg-slate-50 px-3 py-1.5 text-sm">
            <span className="w-5 text-slate-400">{i + 1}.</span>
            <span className="flex-1 font-medium">
              {byId.get(id)?.name ?? "unknown trunk"}
              {byId.get(id)?.enabled === false && <span className="ml-2 text-xs text-amber-700">(disabled)</span>}
            </span>
            <Button
              type="button"
              size="sm"
              variant="ghost"
              disabled={i === 0}
              onClick={() => move(i, i - 1)}
              aria-label={`Move ${byId.get(id)?.name} up`}
            >
              ↑
            </Button>
            <Button
              type="button"
              size="sm"
              variant="ghost"
              disabled={i === value.length - 1}
              onClick={() => move(i, i + 1)}
              aria-label={`Move ${byId.get(id)?.name} down`}
            >
              ↓
            </Button>
            <Button
              type="button"
              size="sm"
              variant="ghost"
              onClick={() => onChange(value.filter((v) => v !== id))}
              aria-label={`Remove ${byId.get(id)?.name}`}
            >
              ✕
            </Button>
          </li>
        ))}
      </ol>
      {available.length > 0 && (
        <select
          className={inputClass}
          aria-label="Add a trunk"
          value=""
          onChange={(e) => e.target.value && onChange([...value, e.target.value])}
        >
          <option value="">Add a trunk…</option>
          {available.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      )}
      {error && (
        <p className="text-xs text-red-600" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
