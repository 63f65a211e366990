"use client";

import { useTRPC } from "@/components/providers/trpc";
import { TenantListPage } from "@/components/tenant/TenantListPage";
import { Badge } from "@/components/ui/Badge";
import { AGENT_TOGGLE_CODE, QUEUE_STRATEGY_LABELS } from "@/server/callQueues/schemas";
import type { CallQueueView } from "@/server/callQueues/service";
import { DESTINATION_LABELS } from "@/server/shared/destinationSchema";
import { AgentBoard } from "./AgentBoard";
import { CallQueueDialog } from "./CallQueueDialog";

export function CallQueuesView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  return (
    <TenantListPage<CallQueueView>
      domainId={domainId}
      procedures={{
        listOptions: (input) => trpc.callQueues.list.queryOptions(input),
        listKey: trpc.callQueues.list.queryKey(),
        deleteOptions: trpc.callQueues.delete.mutationOptions(),
      }}
      title="Call queues"
      description={`Callers wait in line until an agent answers. Agents log in and out with ${AGENT_TOGGLE_CODE}, on My phone, or below.`}
      noun="call queue"
      searchPlaceholder="Search number or name"
      empty={{
        none: "No call queues yet. Create one and add the extensions that answer it.",
        noMatch: "No call queue matches that search.",
      }}
      columns={[
        { header: "Number", className: "font-mono font-medium", cell: (q) => q.number },
        { header: "Name", cell: (q) => q.name },
        { header: "Strategy", cell: (q) => <Badge tone="blue">{QUEUE_STRATEGY_LABELS[q.strategy]}</Badge> },
        {
          header: "Agents available",
          cell: (q) => {
            const available = q.agents.filter((a) => a.extension.enabled && a.extension.agentStatus === "AVAILABLE");
            return q.agents.length === 0 ? (
              <span className="text-amber-700">No agents</span>
            ) : (
              `${available.length} of ${q.agents.length}`
            );
          },
        },
        {
          header: "After the longest wait",
          cell: (q) =>
            `${q.maxWaitSeconds > 0 ? `${q.maxWaitSeconds}s → ` : ""}${DESTINATION_LABELS[q.fallbackType]} ${q.fallbackTarget ?? ""}`,
        },
      ]}
      nameOf={(q) => q.number}
      deleteWarning={(q) => (
        <>
          Calls to {q.number} will no longer reach {q.name}; callers waiting now stay in line until answered or they
          hang up. A queue that phone numbers or menus still send calls to cannot be deleted.
        </>
      )}
      dialog={(editing, close) => <CallQueueDialog domainId={domainId} editing={editing} onClose={close} />}
    >
      <AgentBoard domainId={domainId} />
    </TenantListPage>
  );
}
