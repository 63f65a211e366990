"use client";

import { useQuery } from "@tanstack/react-query";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";

const utc = (d: Date) => `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;

/**
 * Tenants the failover engine moved off dead nodes and nobody restored yet (all of them on
 * the dashboard, one on its tenant page), each with its "Restore assignments" button.
 */
export function FailoverBanner({ domainId }: { domainId?: string }) {
  const trpc = useTRPC();
  const open = useQuery({
    ...trpc.failover.events.queryOptions({ openOnly: true, domainId }),
    refetchInterval: 5000,
  });
  const restore = useToastMutation(trpc.failover.restore.mutationOptions(), {
    success: (r) => `Assignment restored to ${r.nodes.map((n) => n.hostname).join(", ")}`,
    invalidate: [trpc.failover.events.queryKey(), trpc.cluster.assignments.list.queryKey()],
  });
  const events = open.data ?? [];
  if (events.length === 0) return null;
  return (
    <section role="alert" aria-label="Failover" className="mb-6 rounded-xl bg-amber-50 p-4 ring-1 ring-amber-300">
      <h2 className="text-sm font-semibold text-amber-900">
        {events.length === 1 ? "A tenant runs on failover nodes" : `${events.length} tenants run on failover nodes`}
      </h2>
      <ul className="mt-2 space-y-2">
        {events.map((e) => (
          <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 text-sm text-amber-900">
            <span>
              <span className="font-mono">{e.domain.name}</span> moved from{" "}
              {e.fromNodes.map((n) => n.hostname).join(", ")} to {e.toNodes.map((n) => n.hostname).join(", ")} at{" "}
              {utc(e.at)}
              <span className="block text-xs text-amber-800">{e.reason}</span>
            </span>
            <Button
              size="sm"
              variant="secondary"
              busy={restore.isPending && restore.variables?.domainId === e.domainId}
              onClick={() => restore.mutate({ domainId: e.domainId })}
            >
              Restore assignments
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
