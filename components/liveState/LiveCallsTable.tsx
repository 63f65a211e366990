"use client";

import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { DataTable, type Column } from "@/components/ui/DataTable";
import type { LiveCallView } from "@/server/liveState/service";
import { formatDuration, useNow } from "./useNow";

const STATE_TONE: Record<string, "green" | "amber" | "blue" | "slate"> = {
  RINGING: "amber",
  ANSWERED: "green",
  BRIDGED: "green",
  HELD: "blue",
};

type Props = {
  rows: LiveCallView[] | undefined;
  loading: boolean;
  error?: string;
  empty: string;
  showTenant?: boolean;
  pagination?: { page: number; pageSize: number; total: number; onPage: (page: number) => void };
  onHangup: (call: LiveCallView) => void;
};

/** Calls up now, one row per call, with a duration that ticks and a Hang up button. */
export function LiveCallsTable({ rows, loading, error, empty, showTenant = false, pagination, onHangup }: Props) {
  const now = useNow();
  const columns: Column<LiveCallView>[] = [
    {
      header: "From",
      cell: (c) => (
        <>
          <span className="block font-mono font-medium">{c.callerNumber}</span>
          {c.callerName && <span className="text-xs text-slate-500">{c.callerName}</span>}
        </>
      ),
    },
    { header: "To", className: "font-mono", cell: (c) => c.destinationNumber },
    ...(showTenant ? [{ header: "Tenant", cell: (c: LiveCallView) => c.domain?.name ?? "—" }] : []),
    { header: "State", cell: (c) => <Badge tone={STATE_TONE[c.state] ?? "slate"}>{c.state.toLowerCase()}</Badge> },
    {
      header: "Duration",
      className: "font-mono tabular-nums",
      // Talk time once answered, ringing time before.
      cell: (c) => formatDuration((now.getTime() - new Date(c.answeredAt ?? c.createdAt).getTime()) / 1000),
    },
    { header: "Node", cell: (c) => c.node.hostname },
  ];
  return (
    <DataTable
      noun="live calls"
      rows={rows}
      rowKey={(c) => c.uuid}
      loading={loading}
      error={error}
      empty={empty}
      pagination={pagination}
      columns={columns}
      actions={(c) => (
        <Button
          size="sm"
          variant="danger"
          onClick={() => onHangup(c)}
          aria-label={`Hang up ${c.callerNumber} → ${c.destinationNumber}`}
        >
          Hang up
        </Button>
      )}
    />
  );
}
