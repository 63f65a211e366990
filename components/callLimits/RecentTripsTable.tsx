import { DataTable } from "@/components/ui/DataTable";
import type { CallLimitTripRow } from "@/server/callLimits/service";
import { LIMIT_KIND_LABELS, limitCause, utcTime } from "./limitLabels";

/** The latest calls a limit refused. */
export function RecentTripsTable({ trips, loading }: { trips: CallLimitTripRow[] | undefined; loading: boolean }) {
  return (
    <DataTable
      noun="limit trips"
      loading={loading}
      rows={trips}
      rowKey={(t) => t.id}
      empty="No call has run into a limit."
      columns={[
        { header: "When", cell: (t) => utcTime(t.createdAt) },
        { header: "Limit", cell: (t) => LIMIT_KIND_LABELS[t.kind] },
        { header: "Extension", cell: (t) => t.extension ?? "—" },
        { header: "Dialled", cell: (t) => <span className="font-mono">{t.destination ?? "—"}</span> },
        { header: "Hangup cause", cell: (t) => <span className="font-mono text-xs">{limitCause(t.kind)}</span> },
      ]}
    />
  );
}
