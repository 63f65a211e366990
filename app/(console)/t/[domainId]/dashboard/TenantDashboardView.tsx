"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { CallStatsPanel } from "@/components/callHistory/CallStatsPanel";
import { TenantCallLimitNotices } from "@/components/callLimits/CallLimitNotices";
import { TenantFailoverNotice } from "@/components/cluster/TenantFailoverNotice";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice, isAccessDenied } from "@/components/ui/AccessNotice";
import { PageHeader } from "@/components/ui/PageHeader";

const REFRESH_MS = 60_000;

/** A tenant admin's last 24 hours of calls, from the tenant's own records only. */
export function TenantDashboardView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const stats = useQuery({ ...trpc.callRecords.stats.queryOptions({ domainId }), refetchInterval: REFRESH_MS });
  if (isAccessDenied(stats.error?.data?.code)) return <AccessNotice code="NOT_FOUND" audience="tenant" />;
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="This tenant's calls over the last 24 hours."
        actions={
          <Link href={`/t/${domainId}/calls`} className="text-sm text-brand-700 hover:underline">
            Call history
          </Link>
        }
      />
      <TenantCallLimitNotices domainId={domainId} />
      <TenantFailoverNotice domainId={domainId} />
      <CallStatsPanel
        query={stats}
        concurrencyNote="This tenant's calls in progress, every 10 minutes, by the node that carried them."
      />
    </>
  );
}
