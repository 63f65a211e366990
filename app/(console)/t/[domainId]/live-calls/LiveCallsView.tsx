"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { HangupDialog } from "@/components/liveState/HangupDialog";
import { LIVE_PAGE_SIZE, LIVE_REFETCH_MS } from "@/components/liveState/liveRefresh";
import { LiveCallsTable } from "@/components/liveState/LiveCallsTable";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice, isAccessDenied } from "@/components/ui/AccessNotice";
import { FilterInput, ListFilters } from "@/components/ui/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { useListFilters } from "@/components/ui/useListFilters";
import type { LiveCallView } from "@/server/liveState/service";

export function LiveCallsView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const { filters, setFilter, page, setPage } = useListFilters({ search: "" });
  const [hangingUp, setHangingUp] = useState<LiveCallView | null>(null);
  const list = useQuery({
    ...trpc.liveState.liveCalls.queryOptions({
      domainId,
      page,
      pageSize: LIVE_PAGE_SIZE,
      search: filters.search || undefined,
    }),
    refetchInterval: LIVE_REFETCH_MS,
  });
  const hangup = useToastMutation(trpc.liveState.hangup.mutationOptions(), {
    success: (r) => (r.result === "hung-up" ? "Call hung up" : "The call had already ended"),
    onDone: () => setHangingUp(null),
    invalidate: [trpc.liveState.liveCalls.queryKey()],
  });

  const code = list.error?.data?.code;
  if (isAccessDenied(code)) return <AccessNotice code={code} audience="tenant" />;

  return (
    <>
      <PageHeader title="Live calls" description="Calls up on the telephony nodes right now." />
      <ListFilters>
        <FilterInput
          label="Search calls"
          placeholder="Number or caller name"
          value={filters.search}
          onChange={(v) => setFilter("search", v)}
        />
      </ListFilters>
      <LiveCallsTable
        rows={list.data?.items}
        loading={list.isPending}
        error={list.error?.message}
        empty={filters.search ? "No live call matches that search." : "No calls right now."}
        pagination={list.data && { page, pageSize: LIVE_PAGE_SIZE, total: list.data.total, onPage: setPage }}
        onHangup={setHangingUp}
      />
      <HangupDialog
        call={hangingUp}
        busy={hangup.isPending}
        onClose={() => setHangingUp(null)}
        onConfirm={(c) => hangup.mutate({ domainId, uuid: c.uuid })}
      />
    </>
  );
}
