"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/Button";
import { CursorPager } from "@/components/ui/CursorPager";
import type { CallDetail, CallPage } from "@/server/callRecords/history";
import { CallDetailDialog } from "./CallDetailDialog";
import { CallFiltersBar } from "./CallFiltersBar";
import { CallHistoryTable } from "./CallHistoryTable";
import type { CallHistoryState } from "./useCallHistory";

type Query<T> = { data: T | undefined; isPending: boolean; error: { message: string } | null };

type Props = {
  state: CallHistoryState;
  list: Query<CallPage>;
  detail: Query<CallDetail>;
  /** Shown when there are no calls and no filter is set. */
  empty: ReactNode;
  showTenant?: boolean;
  extensionFilter?: boolean;
  /** Filters in front of the common ones (the platform's tenant filter). */
  extraFilters?: ReactNode;
};

/** Filters, the list of calls with Newer/Older pages, and the detail dialog: the same on every call-history page. */
export function CallHistoryPanel({ state, list, detail, empty, showTenant, extensionFilter, extraFilters }: Props) {
  const page = list.data;
  return (
    <>
      <CallFiltersBar filters={state.filters} setFilter={state.setFilter} extensionFilter={extensionFilter}>
        {extraFilters}
      </CallFiltersBar>
      {state.active && (
        <div className="mb-3">
          <Button size="sm" variant="ghost" onClick={state.clear}>
            Clear filters
          </Button>
        </div>
      )}
      <CallHistoryTable
        rows={page?.items}
        loading={list.isPending}
        error={list.error?.message}
        empty={state.active ? "No call matches these filters. Widen the dates or clear a filter." : empty}
        onOpen={state.setOpenCallId}
        showTenant={showTenant}
        footer={
          page && (
            <CursorPager
              page={state.pages.page}
              shown={page.items.length}
              hasNext={page.nextCursor !== null}
              onPrevious={state.pages.previous}
              onNext={() => page.nextCursor && state.pages.next(page.nextCursor)}
            />
          )
        }
      />
      <CallDetailDialog
        open={state.openCallId !== null}
        onClose={() => state.setOpenCallId(null)}
        detail={detail.data}
        loading={detail.isPending && state.openCallId !== null}
        error={detail.error?.message}
      />
    </>
  );
}
