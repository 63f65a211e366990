"use client";

import type { ReactNode } from "react";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { DataTable, type Column } from "@/components/ui/DataTable";
import type { CallRow } from "@/server/callRecords/history";
import { DIRECTION_LABELS, DISPOSITION_LABELS, DISPOSITION_TONES, formatDuration } from "./callFormat";

type Props = {
  rows: CallRow[] | undefined;
  loading: boolean;
  error?: string;
  empty: ReactNode;
  onOpen: (callId: string) => void;
  footer?: ReactNode;
  /** The platform list says whose call it was. */
  showTenant?: boolean;
};

/** One row per call (its a-leg); the detail shows every leg. */
export function CallHistoryTable({ rows, loading, error, empty, onOpen, footer, showTenant = false }: Props) {
  const columns: Column<CallRow>[] = [
    {
      header: "When",
      className: "text-xs text-slate-500",
      cell: (c) => (
        <>
          {c.startedAt.toLocaleString([], { dateStyle: "short", timeStyle: "medium" })}
          <span className="block">{DIRECTION_LABELS[c.direction]}</span>
        </>
      ),
    },
    ...(showTenant
      ? [{ header: "Tenant", cell: (c: CallRow) => c.tenant ?? <Badge tone="amber">no tenant</Badge> }]
      : []),
    {
      header: "From",
      cell: (c) => (
        <>
          <span className="font-mono">{c.callerNumber}</span>
          {c.callerName && <span className="block text-xs text-slate-500">{c.callerName}</span>}
        </>
      ),
    },
    { header: "To", className: "font-mono", cell: (c) => c.destinationNumber },
    { header: "Extension", className: "font-mono", cell: (c) => c.extension ?? "—" },
    {
      header: "Result",
      cell: (c) => (
        <span title={c.hangupCause}>
          <Badge tone={DISPOSITION_TONES[c.disposition]}>{DISPOSITION_LABELS[c.disposition]}</Badge>
          <span className="block text-xs text-slate-500">{c.hangupText}</span>
        </span>
      ),
    },
    { header: "Talk time", className: "tabular-nums", cell: (c) => formatDuration(c.billSec) },
    {
      header: "Details",
      cell: (c) => (
        <Button
          size="sm"
          variant="ghost"
          aria-label={`Details of the call from ${c.callerNumber} to ${c.destinationNumber}`}
          onClick={() => onOpen(c.callId)}
        >
          Open
        </Button>
      ),
    },
  ];
  return (
    <DataTable
      noun="calls"
      rows={rows}
      rowKey={(c) => c.id.toString()}
      loading={loading}
      error={error}
      empty={empty}
      columns={columns}
      footer={footer}
    />
  );
}
