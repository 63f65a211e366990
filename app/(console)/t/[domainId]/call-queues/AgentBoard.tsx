"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/Badge";
import { DataTable } from "@/components/ui/DataTable";
import { inputClass } from "@/components/ui/Field";
import { AGENT_STATUS_LABELS, AGENT_STATUSES, type AgentStatusValue } from "@/server/callQueues/schemas";

const PAGE_SIZE = 25;

const TONES: Record<AgentStatusValue, "green" | "amber" | "slate"> = {
  AVAILABLE: "green",
  ON_BREAK: "amber",
  LOGGED_OUT: "slate",
};

/** Who answers the queues right now; an admin can log an agent in or out (e.g. one who left without *22). */
export function AgentBoard({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const agents = useQuery(trpc.callQueues.agents.queryOptions({ domainId, page, pageSize: PAGE_SIZE }));
  const setStatus = useToastMutation(trpc.callQueues.setAgentStatus.mutationOptions(), {
    success: (a) => `${a.number} is now ${AGENT_STATUS_LABELS[a.status].toLowerCase()}`,
    invalidate: [trpc.callQueues.agents.queryKey(), trpc.callQueues.list.queryKey()],
  });
  return (
    <section className="mt-8" aria-labelledby="agents-heading">
      <h2 id="agents-heading" className="mb-3 text-base font-semibold text-slate-900">
        Agents
      </h2>
      <DataTable
        noun="agents"
        rows={agents.data?.items}
        rowKey={(a) => a.extensionId}
        loading={agents.isPending}
        error={agents.error?.message}
        empty="No extension answers a queue yet: add agents to a queue."
        pagination={agents.data && { page, pageSize: PAGE_SIZE, total: agents.data.total, onPage: setPage }}
        columns={[
          { header: "Extension", className: "font-mono font-medium", cell: (a) => a.number },
          { header: "Name", cell: (a) => a.displayName },
          { header: "Queues", cell: (a) => a.queues.map((q) => q.number).join(", ") },
          {
            header: "Status",
            cell: (a) => <Badge tone={TONES[a.status]}>{AGENT_STATUS_LABELS[a.status]}</Badge>,
          },
          {
            header: <span className="sr-only">Change status</span>,
            cell: (a) => (
              <select
                aria-label={`Status of ${a.number}`}
                className={`${inputClass} max-w-40 py-1`}
                value={a.status}
                disabled={setStatus.isPending}
                onChange={(e) =>
                  setStatus.mutate({ domainId, extensionId: a.extensionId, status: e.target.value as AgentStatusValue })
                }
              >
                {AGENT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {AGENT_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            ),
          },
        ]}
      />
    </section>
  );
}
