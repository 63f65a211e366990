"use client";

import { DataTable, type Column } from "@/components/ui/DataTable";
import type { RegistrationView } from "@/server/liveState/service";
import { formatDuration, useNow } from "./useNow";

type Props = {
  rows: RegistrationView[] | undefined;
  loading: boolean;
  error?: string;
  empty: string;
  /** Platform view: which tenant each phone belongs to. */
  showTenant?: boolean;
  pagination?: { page: number; pageSize: number; total: number; onPage: (page: number) => void };
};

/** Registered phones, as the nodes report them (one row per contact binding). */
export function RegistrationsTable({ rows, loading, error, empty, showTenant = false, pagination }: Props) {
  const now = useNow();
  const columns: Column<RegistrationView>[] = [
    { header: "Extension", className: "font-mono font-medium", cell: (r) => r.user },
    ...(showTenant
      ? [{ header: "Tenant", cell: (r: RegistrationView) => r.domain?.displayName ?? `${r.realm} (unknown)` }]
      : []),
    { header: "User agent", cell: (r) => r.userAgent || "—" },
    {
      header: "Contact",
      cell: (r) => (
        <>
          <span className="block font-mono text-xs">{r.contact}</span>
          <span className="font-mono text-xs text-slate-500">
            {r.networkIp}:{r.networkPort}
          </span>
        </>
      ),
    },
    { header: "Node", cell: (r) => r.node.hostname },
    {
      header: "Expires",
      cell: (r) => {
        const left = (new Date(r.expiresAt).getTime() - now.getTime()) / 1000;
        return left > 0 ? `in ${formatDuration(left)}` : "expired";
      },
    },
  ];
  return (
    <DataTable
      noun="registered phones"
      rows={rows}
      rowKey={(r) => r.id}
      loading={loading}
      error={error}
      empty={empty}
      pagination={pagination}
      columns={columns}
    />
  );
}
