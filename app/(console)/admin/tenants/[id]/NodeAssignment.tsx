"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";

type Choice = { selected: boolean; priority: number; weight: number };

type NodeRow = { id: string; hostname: string; adminState: string };
type AssignmentRow = { nodeId: string; priority: number; weight: number };

/** Which telephony nodes serve this domain; none selected = the general pool of active nodes. */
export function NodeAssignment({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const nodes = useQuery(trpc.cluster.nodes.list.queryOptions());
  const assigned = useQuery(trpc.cluster.assignments.list.queryOptions({ domainId }));
  if (nodes.isPending || assigned.isPending) return <p className="text-sm text-slate-500">Loading nodes…</p>;
  if (nodes.error || assigned.error) return <p className="text-sm text-red-600">Could not load nodes.</p>;
  if (nodes.data.length === 0)
    return <p className="text-sm text-slate-500">No telephony nodes yet. Add one under Telephony nodes.</p>;
  // Remounts with fresh choices whenever the saved assignment changes.
  return (
    <AssignmentEditor
      key={JSON.stringify(assigned.data)}
      domainId={domainId}
      nodes={nodes.data}
      assigned={assigned.data}
    />
  );
}

function AssignmentEditor({
  domainId,
  nodes,
  assigned,
}: {
  domainId: string;
  nodes: NodeRow[];
  assigned: AssignmentRow[];
}) {
  const trpc = useTRPC();
  const [choices, setChoices] = useState<Record<string, Choice>>(() => {
    const byNode = new Map(assigned.map((a) => [a.nodeId, a]));
    return Object.fromEntries(
      nodes.map((n) => {
        const a = byNode.get(n.id);
        return [n.id, { selected: a !== undefined, priority: a?.priority ?? 0, weight: a?.weight ?? 100 }];
      }),
    );
  });
  const save = useToastMutation(trpc.cluster.assignments.set.mutationOptions(), {
    success: () => "Node assignment saved; the SIP proxies are updated now",
    invalidate: [trpc.cluster.assignments.list.queryKey({ domainId })],
  });
  const patch = (id: string, change: Partial<Choice>) => setChoices((c) => ({ ...c, [id]: { ...c[id]!, ...change } }));
  const selected = Object.entries(choices).filter(([, c]) => c.selected);

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-500">
        {selected.length === 0
          ? "Served by every active node (general pool)."
          : `Pinned to ${selected.length} node(s).`}
      </p>
      <ul className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200">
        {nodes.map((n) => {
          const c = choices[n.id];
          if (!c) return null;
          return (
            <li key={n.id} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm">
              <label className="flex min-w-40 flex-1 items-center gap-2">
                <input
                  type="checkbox"
                  checked={c.selected}
                  onChange={(e) => patch(n.id, { selected: e.target.checked })}
                />
                <span className="font-medium">{n.hostname}</span>
                <Badge tone={n.adminState === "ACTIVE" ? "green" : "amber"}>{n.adminState.toLowerCase()}</Badge>
              </label>
              {c.selected && (
                <>
                  <label className="flex items-center gap-1 text-xs text-slate-600">
                    Priority
                    <input
                      type="number"
                      min={0}
                      className={`${inputClass} w-20`}
                      value={c.priority}
                      onChange={(e) => patch(n.id, { priority: Number(e.target.value) })}
                    />
                  </label>
                  <label className="flex items-center gap-1 text-xs text-slate-600">
                    Weight
                    <input
                      type="number"
                      min={1}
                      className={`${inputClass} w-20`}
                      value={c.weight}
                      onChange={(e) => patch(n.id, { weight: Number(e.target.value) })}
                    />
                  </label>
                </>
              )}
            </li>
          );
        })}
      </ul>
      <div className="flex justify-end">
        <Button
          busy={save.isPending}
          onClick={() =>
            save.mutate({
              domainId,
              nodes: selected.map(([nodeId, c]) => ({ nodeId, priority: c.priority, weight: c.weight })),
            })
          }
        >
          Save assignment
        </Button>
      </div>
    </div>
  );
}
