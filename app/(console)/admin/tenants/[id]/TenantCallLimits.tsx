"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { RecentTripsTable } from "@/components/callLimits/RecentTripsTable";
import { utcTime } from "@/components/callLimits/limitLabels";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { CallLimitsForm } from "./CallLimitsForm";

/** A tenant's abuse limits on its platform page: the form, the outbound block, and recent trips. */
export function TenantCallLimits({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const view = useQuery(trpc.callLimits.get.queryOptions({ domainId }));
  const [reason, setReason] = useState("");
  const block = useToastMutation(trpc.callLimits.setBlock.mutationOptions(), {
    success: (l) => (l.outboundBlocked ? "Outbound calls blocked" : "Outbound calls allowed again"),
    invalidate: [trpc.callLimits.get.queryKey({ domainId })],
    onDone: () => setReason(""),
  });
  if (!view.data) return <p className="text-sm text-slate-500">{view.error?.message ?? "Loading limits…"}</p>;
  const l = view.data.limits;
  return (
    <div className="space-y-5">
      {l.outboundBlocked ? (
        <div
          role="alert"
          className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200"
        >
          <span>
            Outbound calls blocked{l.outboundBlockedAt ? ` since ${utcTime(l.outboundBlockedAt)}` : ""}:{" "}
            {l.outboundBlockedReason}
          </span>
          <Button
            size="sm"
            variant="secondary"
            busy={block.isPending}
            onClick={() => block.mutate({ domainId, blocked: false })}
          >
            Unblock
          </Button>
        </div>
      ) : (
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-64 flex-1">
            <Field
              label="Reason for a block"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={200}
            />
          </div>
          <Button
            variant="danger"
            busy={block.isPending}
            disabled={reason.trim() === ""}
            onClick={() => block.mutate({ domainId, blocked: true, reason })}
          >
            Block outbound calls
          </Button>
        </div>
      )}
      <CallLimitsForm domainId={domainId} limits={l} />
      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-900">
          Recent trips · {view.data.minutesUsedToday.toLocaleString()} outbound minutes today
        </h3>
        <RecentTripsTable trips={view.data.recentTrips} loading={view.isLoading} />
      </div>
    </div>
  );
}
