"use client";

import { useState } from "react";
import { useCursorPages } from "@/components/ui/useCursorPages";
import { useListFilters } from "@/components/ui/useListFilters";
import { NO_CALL_FILTERS, type CallFilterValues } from "./callFilters";

/** A call-history page's state: filters (a change starts again at the newest page), cursor pages, the open call. */
export function useCallHistory<F extends Record<string, string>>(extra: F = {} as F) {
  const pages = useCursorPages();
  const list = useListFilters<CallFilterValues & F>({ ...NO_CALL_FILTERS, ...extra }, pages.reset);
  const [openCallId, setOpenCallId] = useState<string | null>(null);
  return { ...list, pages, openCallId, setOpenCallId };
}

export type CallHistoryState = ReturnType<typeof useCallHistory>;
