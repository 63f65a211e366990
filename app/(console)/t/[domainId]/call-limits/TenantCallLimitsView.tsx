"use client";

import { useQuery } from "@tanstack/react-query";
import { CallLimitsSummary } from "@/components/callLimits/CallLimitsSummary";
import { RecentTripsTable } from "@/components/callLimits/RecentTripsTable";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice, isAccessDenied } from "@/components/ui/AccessNotice";
import { PageHeader } from "@/components/ui/PageHeader";

/** The tenant's abuse limits, read-only: the platform sets them. */
export function TenantCallLimitsView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const view = useQuery({ ...trpc.callLimits.mine.queryOptions({ domainId }), refetchInterval: 30_000 });
  if (isAccessDenied(view.error?.data?.code)) return <AccessNotice code="NOT_FOUND" audience="tenant" />;
  return (
    <>
      <PageHeader
        title="Call limits"
        description="Limits your provider sets on outbound calls. A refused call hangs up with the cause shown."
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <section className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-label="Limits">
          {view.data ? (
            <CallLimitsSummary view={view.data} />
          ) : (
            <p className="text-sm text-slate-500">Loading limits…</p>
          )}
        </section>
        <section aria-label="Recent trips">
          <h2 className="mb-2 text-base font-semibold text-slate-900">Calls refused by a limit</h2>
          <RecentTripsTable trips={view.data?.recentTrips} loading={view.isLoading} />
        </section>
      </div>
    </>
  );
}
