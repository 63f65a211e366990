"use client";

import { useQuery } from "@tanstack/react-query";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import type { CallLimitNoticeRow } from "@/server/callLimits/service";
import { LIMIT_KIND_LABELS, utcTime } from "./limitLabels";

function NoticeList({
  notices,
  onAcknowledge,
}: {
  notices: CallLimitNoticeRow[];
  onAcknowledge?: (id: string) => void;
}) {
  if (notices.length === 0) return null;
  return (
    <section role="alert" aria-label="Abuse limits" className="mb-6 rounded-xl bg-red-50 p-4 ring-1 ring-red-200">
      <h2 className="text-sm font-semibold text-red-900">
        {notices.length === 1 ? "A tenant trips its call limits repeatedly" : `${notices.length} limit notices`}
      </h2>
      <ul className="mt-2 space-y-2">
        {notices.map((n) => (
          <li key={n.id} className="flex flex-wrap items-center justify-between gap-2 text-sm text-red-900">
            <span>
              <span className="font-mono">{n.domainName}</span>: {n.trips} refused calls in {n.windowMinutes} minutes at{" "}
              {utcTime(n.createdAt)} ({n.kinds.map((k) => LIMIT_KIND_LABELS[k]).join(", ")})
              {n.autoBlocked && (
                <span className="block text-xs font-medium">Outbound calls were blocked automatically.</span>
              )}
            </span>
            {onAcknowledge && (
              <Button size="sm" variant="secondary" onClick={() => onAcknowledge(n.id)}>
                Acknowledge
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Platform dashboard: every tenant's open notices, acknowledged from here. */
export function PlatformCallLimitNotices() {
  const trpc = useTRPC();
  const notices = useQuery({ ...trpc.callLimits.notices.queryOptions(), refetchInterval: 10_000 });
  const ack = useToastMutation(trpc.callLimits.acknowledgeNotice.mutationOptions(), {
    success: () => "Notice acknowledged",
    invalidate: [trpc.callLimits.notices.queryKey()],
  });
  return <NoticeList notices={notices.data ?? []} onAcknowledge={(id) => ack.mutate({ id })} />;
}

/** Tenant dashboard: the tenant's own open notices (the platform acknowledges them). */
export function TenantCallLimitNotices({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const view = useQuery({ ...trpc.callLimits.mine.queryOptions({ domainId }), refetchInterval: 30_000 });
  return <NoticeList notices={view.data?.openNotices ?? []} />;
}
