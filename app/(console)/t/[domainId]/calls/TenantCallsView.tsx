"use client";

import { CallHistoryPanel } from "@/components/callHistory/CallHistoryPanel";
import { ExportCsvLink } from "@/components/callHistory/ExportCsvLink";
import { useTenantCallHistory } from "@/components/callHistory/useTenantCallHistory";
import { AccessNotice, isAccessDenied } from "@/components/ui/AccessNotice";
import { PageHeader } from "@/components/ui/PageHeader";

const PAGE_SIZE = 50;

/** A tenant admin's calls: the whole domain (the server scopes the rows, end users get only their own). */
export function TenantCallsView({ domainId }: { domainId: string }) {
  const { state, list, detail } = useTenantCallHistory(domainId, PAGE_SIZE);

  if (isAccessDenied(list.error?.data?.code)) return <AccessNotice code="NOT_FOUND" audience="tenant" />;

  return (
    <>
      <PageHeader
        title="Call history"
        description="Every call in this tenant, newest first. Open a call to see both legs and why it ended."
        actions={<ExportCsvLink path={`/api/v1/domains/${domainId}/call-records.csv`} filters={state.filters} />}
      />
      <CallHistoryPanel
        state={state}
        list={list}
        detail={detail}
        empty="No calls yet. Calls appear here as soon as the telephony nodes report them."
      />
    </>
  );
}
