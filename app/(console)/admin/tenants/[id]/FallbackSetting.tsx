"use client";

import { CheckboxField } from "@/components/forms/CheckboxField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import type { DomainSummary } from "@/server/domains/service";

/** Whether Kamailio may send the tenant's calls to any node when all of its own nodes are down. */
export function FallbackSetting({ domain }: { domain: DomainSummary }) {
  const trpc = useTRPC();
  const save = useToastMutation(trpc.domains.update.mutationOptions(), {
    success: (d) =>
      d.fallbackToAnyNode
        ? `${d.name} falls back to any node when its own are down`
        : `${d.name} stays on its own nodes (calls are refused when they are all down)`,
    invalidate: [trpc.domains.get.queryKey({ id: domain.id })],
  });
  // Shows the choice at once; the saved value takes over when the tenant is refetched.
  const checked = (save.isPending ? save.variables?.fallbackToAnyNode : undefined) ?? domain.fallbackToAnyNode;
  return (
    <CheckboxField
      label="Fail over to any node when all of its assigned nodes are down"
      hint="Decided by the SIP proxies themselves, also while Switchboard is down. Off: only its own nodes (503 when none is left)."
      checked={checked}
      disabled={save.isPending}
      onChange={(e) => save.mutate({ id: domain.id, fallbackToAnyNode: e.target.checked })}
    />
  );
}
