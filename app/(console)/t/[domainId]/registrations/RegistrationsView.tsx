"use client";

import { useQuery } from "@tanstack/react-query";
import { LIVE_PAGE_SIZE, LIVE_REFETCH_MS } from "@/components/liveState/liveRefresh";
import { RegistrationsTable } from "@/components/liveState/RegistrationsTable";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice, isAccessDenied } from "@/components/ui/AccessNotice";
import { FilterInput, ListFilters } from "@/components/ui/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { useListFilters } from "@/components/ui/useListFilters";

export function RegistrationsView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const { filters, setFilter, page, setPage } = useListFilters({ search: "" });
  const list = useQuery({
    ...trpc.liveState.registrations.queryOptions({
      domainId,
      page,
      pageSize: LIVE_PAGE_SIZE,
      search: filters.search || undefined,
    }),
    refetchInterval: LIVE_REFETCH_MS,
  });

  const code = list.error?.data?.code;
  if (isAccessDenied(code)) return <AccessNotice code={code} audience="tenant" />;

  return (
    <>
      <PageHeader
        title="Registered phones"
        description="Phones registered on the telephony nodes right now, as the nodes report them."
      />
      <ListFilters>
        <FilterInput
          label="Search phones"
          placeholder="Extension, user agent or contact"
          value={filters.search}
          onChange={(v) => setFilter("search", v)}
        />
      </ListFilters>
      <RegistrationsTable
        rows={list.data?.items}
        loading={list.isPending}
        error={list.error?.message}
        empty={filters.search ? "No registered phone matches that search." : "No phone is registered right now."}
        pagination={list.data && { page, pageSize: LIVE_PAGE_SIZE, total: list.data.total, onPage: setPage }}
      />
    </>
  );
}
