"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { AGENT_STATUS_LABELS, AGENT_TOGGLE_CODE } from "@/server/callQueues/schemas";
import { Card } from "./Card";

/** An agent's own login: only shown to an extension that answers at least one call queue. */
export function MyQueuesCard({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const agent = useQuery({ ...trpc.callQueues.myAgent.queryOptions({ domainId }), retry: false });
  const set = useToastMutation(trpc.callQueues.setMyAgentStatus.mutationOptions(), {
    success: (a) => `You are now ${AGENT_STATUS_LABELS[a.status].toLowerCase()}`,
    onDone: (a) => queryClient.setQueryData(trpc.callQueues.myAgent.queryKey({ domainId }), a),
  });
  const a = agent.data;
  if (!a || a.queues.length === 0) return null;
  const loggedIn = a.status !== "LOGGED_OUT";
  return (
    <Card
      title="Call queues"
      description={`You answer ${a.queues.map((q) => `${q.name} (${q.number})`).join(", ")}. ${AGENT_TOGGLE_CODE} on your phone logs you in or out too.`}
    >
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-sm text-slate-600">Status:</span>
        <Badge tone={a.status === "AVAILABLE" ? "green" : a.status === "ON_BREAK" ? "amber" : "slate"}>
          {AGENT_STATUS_LABELS[a.status]}
        </Badge>
        <div className="ml-auto flex gap-2">
          {a.status !== "AVAILABLE" && (
            <Button busy={set.isPending} onClick={() => set.mutate({ domainId, status: "AVAILABLE" })}>
              {loggedIn ? "Back from break" : "Log in"}
            </Button>
          )}
          {a.status === "AVAILABLE" && (
            <Button
              variant="secondary"
              busy={set.isPending}
              onClick={() => set.mutate({ domainId, status: "ON_BREAK" })}
            >
              Take a break
            </Button>
          )}
          {loggedIn && (
            <Button
              variant="secondary"
              busy={set.isPending}
              onClick={() => set.mutate({ domainId, status: "LOGGED_OUT" })}
            >
              Log out
            </Button>
          )}
        </div>
      </div>
    </Card>
  );
}
