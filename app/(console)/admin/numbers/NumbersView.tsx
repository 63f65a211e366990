"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice } from "@/components/ui/AccessNotice";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { DataTable, type Column } from "@/components/ui/DataTable";
import { FilterInput, FilterSelect, ListFilters } from "@/components/ui/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { useListFilters } from "@/components/ui/useListFilters";
import type { NumberView } from "@/server/numbers/service";
import { DESTINATION_LABELS } from "@/server/shared/destinationSchema";
import { AddRangeDialog } from "./AddRangeDialog";
import { BulkActionDialogs, SelectionBar, type BulkAction } from "./NumberSelection";

const PAGE_SIZE = 50;
type Status = "" | "assigned" | "unassigned";

const COLUMNS: Column<NumberView>[] = [
  { header: "Number", className: "font-mono font-medium", cell: (n) => n.e164 },
  { header: "Tenant", cell: (n) => (n.domain ? n.domain.displayName : <Badge>Unassigned</Badge>) },
  {
    header: "Rings",
    cell: (n) =>
      n.destType ? (
        `${DESTINATION_LABELS[n.destType]} ${n.destTarget ?? ""}`
      ) : n.domain ? (
        <Badge tone="amber">Not set</Badge>
      ) : (
        "—"
      ),
  },
  { header: "Description", className: "text-slate-500", cell: (n) => n.description ?? "" },
];

export function NumbersView() {
  const trpc = useTRPC();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // A selection made under other filters may hold numbers no longer shown: drop it.
  const { filters, setFilter, active, page, setPage } = useListFilters<{
    search: string;
    status: Status;
    domainId: string;
  }>({ search: "", status: "", domainId: "" }, () => setSelected(new Set()));
  const [dialog, setDialog] = useState<"add" | BulkAction | null>(null);
  const tenants = useQuery(trpc.domains.list.queryOptions({ pageSize: 200 }));
  const list = useQuery(
    trpc.numbers.list.queryOptions({
      page,
      pageSize: PAGE_SIZE,
      search: filters.search || undefined,
      status: filters.status || undefined,
      domainId: filters.domainId || undefined,
    }),
  );

  if (list.error) return <AccessNotice code={list.error.data?.code} />;

  const items = list.data?.items ?? [];
  const allOnPage = items.length > 0 && items.every((n) => selected.has(n.id));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const selectColumn: Column<NumberView> = {
    header: (
      <input
        type="checkbox"
        aria-label="Select all on this page"
        checked={allOnPage}
        onChange={() => setSelected(allOnPage ? new Set() : new Set(items.map((n) => n.id)))}
      />
    ),
    cell: (n) => (
      <input
        type="checkbox"
        aria-label={`Select ${n.e164}`}
        checked={selected.has(n.id)}
        onChange={() => toggle(n.id)}
      />
    ),
  };

  return (
    <>
      <PageHeader
        title="Phone numbers"
        description="DIDs owned by the platform. Assign them to tenants; tenant admins choose where they ring."
        actions={<Button onClick={() => setDialog("add")}>Add numbers</Button>}
      />
      <ListFilters>
        <FilterInput
          label="Search numbers"
          placeholder="Search number or description"
          value={filters.search}
          onChange={(v) => setFilter("search", v)}
        />
        <FilterSelect
          label="Assignment"
          anyLabel="All numbers"
          value={filters.status}
          onChange={(v) => setFilter("status", v as Status)}
          options={[
            { value: "assigned", label: "Assigned" },
            { value: "unassigned", label: "Unassigned" },
          ]}
        />
        <FilterSelect
          label="Tenant"
          anyLabel="Any tenant"
          className="w-full sm:w-56"
          value={filters.domainId}
          onChange={(v) => setFilter("domainId", v)}
          options={tenants.data?.items.map((d) => ({ value: d.id, label: d.displayName })) ?? []}
        />
      </ListFilters>
      {selected.size > 0 && (
        <SelectionBar count={selected.size} onAction={setDialog} onClear={() => setSelected(new Set())} />
      )}
      <DataTable
        noun="numbers"
        rows={list.data?.items}
        rowKey={(n) => n.id}
        loading={list.isPending}
        empty={active ? "No number matches these filters." : "No numbers yet. Add the DIDs your carrier gave you."}
        pagination={list.data && { page, pageSize: PAGE_SIZE, total: list.data.total, onPage: setPage }}
        columns={[selectColumn, ...COLUMNS]}
      />
      <AddRangeDialog open={dialog === "add"} onOpenChange={(o) => setDialog(o ? "add" : null)} />
      <BulkActionDialogs
        ids={[...selected]}
        action={dialog === "add" ? null : dialog}
        onActionChange={setDialog}
        onDone={() => setSelected(new Set())}
      />
    </>
  );
}
