"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/components/forms/ConfirmDialog";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";

type Props = { nodeId: string; adminState: string; expanded: boolean; onToggle: () => void };

/**
 * Drain with a deadline, and once it passed, the calls still up on the node with a hang-up
 * button each (nothing is cut automatically).
 */
export function DrainDeadlineCell({ nodeId, adminState, expanded, onToggle }: Props) {
  const trpc = useTRPC();
  const [minutes, setMinutes] = useState(30);
  const [confirming, setConfirming] = useState<{ uuid: string; label: string } | null>(null);
  const status = useQuery({ ...trpc.failover.drainStatus.queryOptions({ id: nodeId }), refetchInterval: 5000 });
  const invalidate = [trpc.failover.drainStatus.queryKey({ id: nodeId }), trpc.failover.nodeLoad.queryKey()];
  const drain = useToastMutation(trpc.cluster.nodes.setAdminState.mutationOptions(), {
    success: ({ node }) => `${node.hostname} draining until ${node.drainDeadlineAt?.toISOString().slice(11, 16)} UTC`,
    invalidate: [...invalidate, trpc.cluster.nodes.list.queryKey()],
  });
  const hangup = useToastMutation(trpc.liveState.platform.hangup.mutationOptions(), {
    success: (r) => (r.result === "hung-up" ? "Call hung up" : "The call had already ended"),
    onDone: () => setConfirming(null),
    invalidate,
  });
  const s = status.data;
  if (!s) return null;

  if (adminState !== "DRAINING") {
    return (
      <span className="flex items-center gap-1">
        <input
          type="number"
          min={1}
          max={10080}
          value={minutes}
          aria-label="Drain deadline in minutes"
          className="w-16 rounded border border-slate-300 px-1 py-0.5 text-xs"
          onChange={(e) => setMinutes(Number(e.target.value))}
        />
        <Button
          size="sm"
          variant="secondary"
          busy={drain.isPending}
          disabled={!(minutes >= 1 && minutes <= 10080)}
          onClick={() => drain.mutate({ id: nodeId, adminState: "DRAINING", drainDeadlineMinutes: minutes })}
        >
          Drain (min)
        </Button>
      </span>
    );
  }
  if (!s.drainDeadlineAt) return <Badge tone="amber">draining, no deadline</Badge>;
  if (!s.overdue) return <Badge tone="amber">until {s.drainDeadlineAt.toISOString().slice(11, 16)} UTC</Badge>;
  return (
    <div className="text-xs">
      <Button size="sm" variant="ghost" onClick={onToggle} aria-expanded={expanded}>
        <Badge tone="red">deadline passed: {s.remainingCalls.length} call(s) up</Badge>
      </Button>
      {expanded && (
        <ul className="mt-1 space-y-1">
          {s.remainingCalls.map((c) => (
            <li key={c.uuid} className="flex items-center gap-2">
              <span className="font-mono">
                {c.callerNumber} → {c.destinationNumber}
              </span>
              <span className="text-slate-500">{c.domain?.name ?? "no tenant"}</span>
              <Button
                size="sm"
                variant="danger"
                onClick={() => setConfirming({ uuid: c.uuid, label: `${c.callerNumber} → ${c.destinationNumber}` })}
              >
                Hang up
              </Button>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={confirming !== null}
        onOpenChange={(o) => !o && setConfirming(null)}
        title={`Hang up ${confirming?.label ?? ""}?`}
        confirmLabel="Hang up call"
        busy={hangup.isPending}
        onConfirm={() => confirming && hangup.mutate({ uuid: confirming.uuid })}
      >
        The drain deadline has passed. Both parties are disconnected now; the call is recorded in the audit log.
      </ConfirmDialog>
    </div>
  );
}
