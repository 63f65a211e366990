"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";

/** Tells a tenant admin that its calls run on standby nodes since a failover (no node details). */
export function TenantFailoverNotice({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const notice = useQuery({ ...trpc.failover.tenantNotice.queryOptions({ domainId }), refetchInterval: 30_000 });
  if (!notice.data) return null;
  return (
    <p role="status" className="mb-6 rounded-xl bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-300">
      Since {notice.data.since.toISOString().slice(0, 16).replace("T", " ")} UTC your calls run on standby nodes: the
      nodes serving you became unreachable and the platform moved you automatically. Phones move over at their next
      registration refresh; your provider moves you back once your nodes are healthy.
    </p>
  );
}
