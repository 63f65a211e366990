"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { AccessNotice } from "@/components/ui/AccessNotice";
import { DataTable } from "@/components/ui/DataTable";
import { FilterInput, FilterSelect, ListFilters } from "@/components/ui/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { useListFilters } from "@/components/ui/useListFilters";
import { AuditDiff } from "./AuditDiff";

const PAGE_SIZE = 50;
const NO_FILTERS = { domainId: "", actor: "", action: "", entityType: "", from: "", to: "" };
const FILTER_LABELS: Record<keyof typeof NO_FILTERS, string> = {
  domainId: "Tenant",
  actor: "Actor",
  action: "Action",
  entityType: "Entity type",
  from: "From date",
  to: "To date",
};

export function AuditView() {
  const trpc = useTRPC();
  const { filters, setFilter, clear, active, page, setPage } = useListFilters(NO_FILTERS);
  const [expanded, setExpanded] = useState<string | null>(null);
  const tenants = useQuery(trpc.domains.list.queryOptions({ pageSize: 200 }));
  const entityTypes = useQuery(trpc.audit.entityTypes.queryOptions());
  const list = useQuery(
    trpc.audit.list.queryOptions({
      page,
      pageSize: PAGE_SIZE,
      domainId: filters.domainId || undefined,
      actor: filters.actor,
      action: filters.action,
      entityType: filters.entityType,
      from: filters.from,
      to: filters.to,
    }),
  );
  const filter = (key: keyof typeof NO_FILTERS) => ({
    label: FILTER_LABELS[key],
    value: filters[key],
    onChange: (value: string) => setFilter(key, value),
  });

  if (list.error?.data?.code === "FORBIDDEN") return <AccessNotice code="FORBIDDEN" />;

  return (
    <>
      <PageHeader title="Audit log" description="Every change, who made it, from where, and what it changed." />
      <ListFilters className="grid grid-cols-1 sm:grid-cols-2 lg:grid-cols-6">
        <FilterSelect
          {...filter("domainId")}
          className=""
          anyLabel="All tenants"
          options={tenants.data?.items.map((d) => ({ value: d.id, label: d.displayName })) ?? []}
        />
        <FilterInput {...filter("actor")} placeholder="Actor" />
        <FilterInput {...filter("action")} placeholder="Action, e.g. number." />
        <FilterSelect
          {...filter("entityType")}
          className=""
          anyLabel="Any entity"
          options={entityTypes.data?.map((t) => ({ value: t, label: t })) ?? []}
        />
        <FilterInput {...filter("from")} type="date" />
        <FilterInput {...filter("to")} type="date" />
      </ListFilters>
      {active && (
        <div className="mb-3">
          <Button size="sm" variant="ghost" onClick={clear}>
            Clear filters
          </Button>
        </div>
      )}
      <DataTable
        noun="the audit log"
        rows={list.data?.items}
        rowKey={(row) => row.id.toString()}
        loading={list.isPending}
        error={list.error?.message}
        empty={
          active
            ? "Nothing matches these filters. Widen the date range or clear a filter."
            : "Nothing has happened yet."
        }
        pagination={list.data && { page, pageSize: PAGE_SIZE, total: list.data.total, onPage: setPage }}
        columns={[
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
          { header: "Tenant", cell: (row) => row.domain?.name ?? "—" },
          { header: "Entity", className: "text-xs", cell: (row) => row.entityType },
          {
            header: <span className="sr-only">Details</span>,
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
        ]}
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
