"use client";

import { useQuery } from "@tanstack/react-query";
import {
  LIVE_PAGE_SIZE,
  LIVE_REFETCH_MS,
  NO_PLATFORM_LIVE_FILTERS,
  platformLiveQuery,
} from "@/components/liveState/liveRefresh";
import { LiveStateFilters } from "@/components/liveState/LiveStateFilters";
import { RegistrationsTable } from "@/components/liveState/RegistrationsTable";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice } from "@/components/ui/AccessNotice";
import { PageHeader } from "@/components/ui/PageHeader";
import { useListFilters } from "@/components/ui/useListFilters";

export function PlatformRegistrationsView() {
  const trpc = useTRPC();
  const { filters, setFilter, page, setPage } = useListFilters(NO_PLATFORM_LIVE_FILTERS);
  const list = useQuery({
    ...trpc.liveState.platform.registrations.queryOptions(platformLiveQuery(filters, page)),
    refetchInterval: LIVE_REFETCH_MS,
  });

  if (list.error) return <AccessNotice code={list.error.data?.code} />;

  return (
    <>
      <PageHeader title="Registered phones" description="Phones registered on every telephony node right now." />
      <LiveStateFilters filters={filters} setFilter={setFilter} searchPlaceholder="Extension, user agent or contact" />
      <RegistrationsTable
        showTenant
        rows={list.data?.items}
        loading={list.isPending}
        empty="No phone matches, or none is registered right now."
        pagination={list.data && { page, pageSize: LIVE_PAGE_SIZE, total: list.data.total, onPage: setPage }}
      />
    </>
  );
}
