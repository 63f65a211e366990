"use client";

import { CallHistoryPanel } from "@/components/callHistory/CallHistoryPanel";
import { ExportCsvLink } from "@/components/callHistory/ExportCsvLink";
import { useTenantCallHistory } from "@/components/callHistory/useTenantCallHistory";

const PAGE_SIZE = 20;

/** The end user's own calls: the server limits the list to calls their extension took part in. */
export function MyCallsSection({ domainId }: { domainId: string }) {
  const { state, list, detail } = useTenantCallHistory(domainId, PAGE_SIZE);
  return (
    <section aria-labelledby="my-calls">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-2">
        <div>
          <h2 id="my-calls" className="text-base font-semibold text-slate-900">
            My calls
          </h2>
          <p className="mt-1 text-sm text-slate-500">Calls you made or received, newest first.</p>
        </div>
        <ExportCsvLink path={`/api/v1/domains/${domainId}/call-records.csv`} filters={state.filters} />
      </div>
      <CallHistoryPanel
        state={state}
        list={list}
        detail={detail}
        extensionFilter={false}
        empty="No calls yet. Calls you make or receive appear here."
      />
    </section>
  );
}
