"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { CallHistoryPanel } from "@/components/callHistory/CallHistoryPanel";
import { ExportCsvLink } from "@/components/callHistory/ExportCsvLink";
import { useCallHistory } from "@/components/callHistory/useCallHistory";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice } from "@/components/ui/AccessNotice";
import { FilterSelect } from "@/components/ui/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";

const PAGE_SIZE = 50;
// The tenant filter's value for calls whose domain no tenant matched.
const NO_TENANT = "none";

/** Every tenant's calls, and those no tenant could be found for (kept for the platform only). */
export function PlatformCallsView() {
  const trpc = useTRPC();
  const state = useCallHistory({ tenant: "" });
  const { tenant, ...filters } = state.filters;
  const scope = tenant === NO_TENANT ? { unattributed: true } : { domainId: tenant };
  const tenants = useQuery(trpc.domains.list.queryOptions({ pageSize: 200 }));
  const list = useQuery({
    ...trpc.callRecords.platform.list.queryOptions({
      ...filters,
      ...scope,
      cursor: state.pages.cursor,
      pageSize: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });
  const detail = useQuery({
    ...trpc.callRecords.platform.get.queryOptions({ callId: state.openCallId ?? "" }),
    enabled: state.openCallId !== null,
  });

  if (list.error?.data?.code === "FORBIDDEN") return <AccessNotice code="FORBIDDEN" />;

  return (
    <>
      <PageHeader
        title="Call history"
        description="Calls across every tenant, newest first."
        actions={<ExportCsvLink path={"/api/v1/call-records.csv"} filters={{ ...filters, ...scope }} />}
      />
      <CallHistoryPanel
        state={state}
        list={list}
        detail={detail}
        showTenant
        empty="No calls yet. Calls appear here as soon as the telephony nodes report them."
        extraFilters={
          <FilterSelect
            label="Tenant"
            value={tenant}
            onChange={(value) => state.setFilter("tenant", value)}
            className=""
            anyLabel="All tenants"
            options={[
              { value: NO_TENANT, label: "No tenant (unknown domain)" },
              ...(tenants.data?.items.map((d) => ({ value: d.id, label: d.displayName })) ?? []),
            ]}
          />
        }
      />
    </>
  );
}
