"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/Button";
import { DataTable, type Column } from "@/components/ui/DataTable";
import { AuditDiff } from "./AuditDiff";

export type AuditRow = {
  id: bigint;
  createdAt: Date;
  actorLabel: string;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  domain?: { name: string } | null;
};

type Props = {
  rows: AuditRow[] | undefined;
  loading: boolean;
  error?: string;
  /** Shown when there are no rows and no filter is set. */
  empty: ReactNode;
  /** Set when filters are active: offers to clear them, and says so when nothing matches. */
  onClearFilters?: () => void;
  pagination?: { page: number; pageSize: number; total: number; onPage: (page: number) => void };
  /** The platform view shows which tenant a row belongs to; a tenant's own view does not need it. */
  showTenant?: boolean;
};

/** Audit rows with an expandable before/after diff, for the platform and the tenant audit pages. */
export function AuditTable({ rows, loading, error, empty, onClearFilters, pagination, showTenant = false }: Props) {
  const [expanded, setExpanded] = useState<string | null>(null);
  const columns: Column<AuditRow>[] = [
    { header: "When", className: "text-xs text-slate-500", cell: (row) => row.createdAt.toLocaleString() },
    {
      header: "Actor",
      cell: (row) => (
        <>
          {row.actorLabel}
          {row.ip && <span className="block text-xs text-slate-400">{row.ip}</span>}
        </>
      ),
    },
    { header: "Action", className: "font-mono text-xs", cell: (row) => row.action },
    ...(showTenant ? [{ header: "Tenant", cell: (row: AuditRow) => row.domain?.name ?? "—" }] : []),
    { header: "Entity", className: "text-xs", cell: (row) => row.entityType },
    {
      // Visible, not sr-only: an absolute sr-only span escapes the table's scroll box and widens the page on phones.
      header: "Details",
      cell: (row) => {
        const id = row.id.toString();
        const open = expanded === id;
        return (
          <Button size="sm" variant="ghost" aria-expanded={open} onClick={() => setExpanded(open ? null : id)}>
            {open ? "Hide" : "Changes"}
          </Button>
        );
      },
    },
  ];
  return (
    <>
      {onClearFilters && (
        <div className="mb-3">
          <Button size="sm" variant="ghost" onClick={onClearFilters}>
            Clear filters
          </Button>
        </div>
      )}
      <DataTable
        noun="the audit log"
        rows={rows}
        rowKey={(row) => row.id.toString()}
        loading={loading}
        error={error}
        empty={onClearFilters ? "Nothing matches these filters. Widen the date range or clear a filter." : empty}
        pagination={pagination}
        columns={columns}
        detail={(row) =>
          expanded === row.id.toString() && (
            <>
              <AuditDiff before={row.before} after={row.after} />
              {row.entityId && <p className="mt-2 text-xs text-slate-400">Entity id {row.entityId}</p>}
            </>
          )
        }
      />
    </>
  );
}
