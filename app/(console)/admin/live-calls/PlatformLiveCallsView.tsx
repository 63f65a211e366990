"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { HangupDialog } from "@/components/liveState/HangupDialog";
import {
  LIVE_PAGE_SIZE,
  LIVE_REFETCH_MS,
  NO_PLATFORM_LIVE_FILTERS,
  platformLiveQuery,
} from "@/components/liveState/liveRefresh";
import { LiveCallsTable } from "@/components/liveState/LiveCallsTable";
import { LiveStateFilters } from "@/components/liveState/LiveStateFilters";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice } from "@/components/ui/AccessNotice";
import { PageHeader } from "@/components/ui/PageHeader";
import { useListFilters } from "@/components/ui/useListFilters";
import type { LiveCallView } from "@/server/liveState/service";

export function PlatformLiveCallsView() {
  const trpc = useTRPC();
  const { filters, setFilter, page, setPage } = useListFilters(NO_PLATFORM_LIVE_FILTERS);
  const [hangingUp, setHangingUp] = useState<LiveCallView | null>(null);
  const list = useQuery({
    ...trpc.liveState.platform.liveCalls.queryOptions(platformLiveQuery(filters, page)),
    refetchInterval: LIVE_REFETCH_MS,
  });
  const hangup = useToastMutation(trpc.liveState.platform.hangup.mutationOptions(), {
    success: (r) => (r.result === "hung-up" ? "Call hung up" : "The call had already ended"),
    onDone: () => setHangingUp(null),
    invalidate: [trpc.liveState.platform.liveCalls.queryKey()],
  });

  if (list.error) return <AccessNotice code={list.error.data?.code} />;

  return (
    <>
      <PageHeader title="Live calls" description="Calls up on every telephony node right now." />
      <LiveStateFilters filters={filters} setFilter={setFilter} searchPlaceholder="Number or caller name" />
      <LiveCallsTable
        showTenant
        rows={list.data?.items}
        loading={list.isPending}
        empty="No call matches, or none is up right now."
        pagination={list.data && { page, pageSize: LIVE_PAGE_SIZE, total: list.data.total, onPage: setPage }}
        onHangup={setHangingUp}
      />
      <HangupDialog
        call={hangingUp}
        busy={hangup.isPending}
        onClose={() => setHangingUp(null)}
        onConfirm={(c) => hangup.mutate({ uuid: c.uuid })}
      />
    </>
  );
}
