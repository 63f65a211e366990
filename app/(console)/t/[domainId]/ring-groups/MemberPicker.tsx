"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, X } from "lucide-react";
import { useState, type ReactNode } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";

export type Member = { id: string; number: string; displayName: string };
type Props = {
  domainId: string;
  members: Member[];
  onChange: (members: Member[]) => void;
  error?: string;
  /** False for a set whose order means nothing (pickup groups): no position, no arrows. */
  ordered?: boolean;
  /** What the list calls its members, e.g. "Agents, in order within each level". */
  legend?: string;
  /** A control of the member's own next to it (a queue agent's level). */
  memberControl?: (member: Member) => ReactNode;
};

/** Members: search the domain's extensions on the server (domains can be large), then arrange. */
export function MemberPicker({ domainId, members, onChange, error, ordered = true, legend, memberControl }: Props) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const results = useQuery({
    ...trpc.extensions.list.queryOptions({ domainId, pageSize: 8, search: search.trim() || undefined }),
    enabled: search.trim() !== "",
  });
  const chosen = new Set(members.map((m) => m.id));
  const move = (index: number, by: number) => {
    const next = [...members];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    onChange(next);
  };

  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">
        {legend ?? (ordered ? "Members, in ring order" : "Members")}
      </legend>
      {members.length === 0 ? (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-500">
          No members yet: search below and add extensions.
        </p>
      ) : (
        <ol className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
          {members.map((m, i) => (
            <li key={m.id} className="flex items-center gap-2 px-3 py-1.5 text-sm">
              {ordered && <span className="w-5 text-slate-400">{i + 1}.</span>}
              <span className="font-mono">{m.number}</span>
              <span className="flex-1 truncate text-slate-600">{m.displayName}</span>
              {memberControl?.(m)}
              {ordered && (
                <>
                  <Button
                    type="button"
                    size="sm"
                    variant="ghost"
                    aria-label={`Move ${m.number} up`}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    <ArrowUp className="size-3.5" />
                  </Button>
                  <Button
                    type="button"
                    size="sm"
                    variant="ghost"
                    aria-label={`Move ${m.number} down`}
                    disabled={i === members.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    <ArrowDown className="size-3.5" />
                  </Button>
                </>
              )}
              <Button
                type="button"
                size="sm"
                variant="ghost"
                aria-label={`Remove ${m.number}`}
                onClick={() => onChange(members.filter((x) => x.id !== m.id))}
              >
                <X className="size-3.5" />
              </Button>
            </li>
          ))}
        </ol>
      )}
      {error && (
        <p className="text-xs text-red-600" role="alert">
          {error}
        </p>
      )}
      <input
        className={inputClass}
        placeholder="Find an extension by number or name"
        aria-label="Find an extension to add"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {search.trim() !== "" && (
        <ul className="rounded-md ring-1 ring-slate-200" aria-label="Matching extensions">
          {results.isPending && <li className="px-3 py-1.5 text-sm text-slate-500">Searching…</li>}
          {results.data?.items.length === 0 && (
            <li className="px-3 py-1.5 text-sm text-slate-500">No extension matches.</li>
          )}
          {results.data?.items.map((e) => (
            <li key={e.id} className="flex items-center justify-between px-3 py-1 text-sm">
              <span>
                <span className="font-mono">{e.number}</span> <span className="text-slate-600">{e.displayName}</span>
              </span>
              <Button
                type="button"
                size="sm"
                variant="secondary"
                disabled={chosen.has(e.id)}
                aria-label={`Add ${e.number}`}
                onClick={() => onChange([...members, { id: e.id, number: e.number, displayName: e.displayName }])}
              >
                {chosen.has(e.id) ? "Added" : "Add"}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
