"use client";

import { CheckboxField } from "@/components/forms/CheckboxField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import type { DomainSummary } from "@/server/domains/service";

/** Whether the failover engine may move the tenant to healthy nodes when all of its own are down. */
export function FailoverPolicySetting({ domain }: { domain: DomainSummary }) {
  const trpc = useTRPC();
  const save = useToastMutation(trpc.failover.setPolicy.mutationOptions(), {
    success: (d) => (d.failoverEnabled ? `${d.name} fails over automatically` : `${d.name} stays where it is assigned`),
    invalidate: [trpc.domains.get.queryKey({ id: domain.id })],
  });
  return (
    <CheckboxField
      label="Move it to healthy nodes when all of its assigned nodes are down"
      hint="Spare nodes first, then the least-loaded active ones; never while it is kept on its own nodes. Moving back is your decision (Restore assignments)."
      checked={domain.failoverEnabled}
      disabled={save.isPending}
      onChange={(e) => save.mutate({ domainId: domain.id, failoverEnabled: e.target.checked })}
    />
  );
}
