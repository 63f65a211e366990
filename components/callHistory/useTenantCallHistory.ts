"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { useCallHistory } from "./useCallHistory";

/**
 * A tenant's call list and the call opened from it. The server scopes the rows: a tenant
 * admin gets the whole domain, an end user only calls their extension took part in.
 */
export function useTenantCallHistory(domainId: string, pageSize: number) {
  const trpc = useTRPC();
  const state = useCallHistory();
  const list = useQuery({
    ...trpc.callRecords.list.queryOptions({ domainId, ...state.filters, cursor: state.pages.cursor, pageSize }),
    placeholderData: keepPreviousData,
  });
  const detail = useQuery({
    ...trpc.callRecords.get.queryOptions({ domainId, callId: state.openCallId ?? "" }),
    enabled: state.openCallId !== null,
  });
  return { state, list, detail };
}
