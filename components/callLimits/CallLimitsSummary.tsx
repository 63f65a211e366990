import type { ReactNode } from "react";
import { Badge } from "@/components/ui/Badge";
import type { CallLimitsView } from "@/server/callLimits/service";
import { utcTime } from "./limitLabels";

const limit = (n: number, unit: string) => (n > 0 ? `${n} ${unit}` : "No limit");
const minutes = (n: number | null) => (n === null ? "No cap" : `${n.toLocaleString()} min / day`);

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-1.5 text-sm">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-right font-medium text-slate-900">{children}</dd>
    </div>
  );
}

/** A tenant's abuse limits as the dialplan and the edge apply them (read-only). */
export function CallLimitsSummary({ view }: { view: CallLimitsView }) {
  const l = view.limits;
  return (
    <div className="space-y-3">
      {l.outboundBlocked && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200">
          Outbound calls are blocked{l.outboundBlockedAt ? ` since ${utcTime(l.outboundBlockedAt)}` : ""}:{" "}
          {l.outboundBlockedReason ?? "by the platform"}. Emergency numbers still connect.
        </p>
      )}
      <dl className="divide-y divide-slate-100">
        <Row label="New outbound calls per second">{limit(l.outboundCallsPerSecond, "/ s")}</Row>
        <Row label="Concurrent outbound calls">{limit(l.maxOutboundCalls, "calls")}</Row>
        <Row label="Edge: new calls per second">{limit(l.edgeCallsPerSecond, "/ s")}</Row>
        <Row label="Edge: concurrent calls">{limit(l.edgeConcurrentCalls, "calls")}</Row>
        <Row label="International destinations">
          <Badge tone={l.allowInternational ? "green" : "slate"}>{l.allowInternational ? "Allowed" : "Barred"}</Badge>
        </Row>
        <Row label="Premium-rate destinations">
          <Badge tone={l.allowPremium ? "green" : "slate"}>{l.allowPremium ? "Allowed" : "Barred"}</Badge>
        </Row>
        <Row label="Always allowed prefixes">
          <span className="font-mono">{l.allowedPrefixes.length ? l.allowedPrefixes.join(", ") : "—"}</span>
        </Row>
        <Row label="Tenant outbound minutes">
          {minutes(l.tenantDailyMinutes)} · {view.minutesUsedToday.toLocaleString()} used today
        </Row>
        <Row label="Each extension's outbound minutes">{minutes(l.extensionDailyMinutes)}</Row>
      </dl>
    </div>
  );
}
