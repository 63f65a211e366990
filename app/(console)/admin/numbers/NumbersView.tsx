"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/components/forms/ConfirmDialog";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice } from "@/components/ui/AccessNotice";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { DataTable } from "@/components/ui/DataTable";
import { FilterInput, FilterSelect, ListFilters } from "@/components/ui/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { useListFilters } from "@/components/ui/useListFilters";
import { DESTINATION_LABELS } from "@/server/shared/destination";
import { AddRangeDialog } from "./AddRangeDialog";
import { AssignDialog } from "./AssignDialog";

const PAGE_SIZE = 50;
type Status = "" | "assigned" | "unassigned";

export function NumbersView() {
  const trpc = useTRPC();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // A selection made under other filters may hold numbers no longer shown: drop it.
  const { filters, setFilter, active, page, setPage } = useListFilters<{
    search: string;
    status: Status;
    domainId: string;
  }>({ search: "", status: "", domainId: "" }, () => setSelected(new Set()));
  const [dialog, setDialog] = useState<"add" | "assign" | "unassign" | "delete" | null>(null);
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
  const bulk = {
    onDone: () => {
      setSelected(new Set());
      setDialog(null);
    },
    invalidate: [trpc.numbers.list.queryKey()],
  };
  const unassign = useToastMutation(trpc.numbers.unassign.mutationOptions(), {
    ...bulk,
    success: (n) => `${n} number(s) unassigned`,
  });
  const remove = useToastMutation(trpc.numbers.delete.mutationOptions(), {
    ...bulk,
    success: (n) => `${n} number(s) deleted`,
  });

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
  const ids = [...selected];

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
        <div
          className="mb-3 flex flex-wrap items-center gap-2 rounded-lg bg-brand-50 px-4 py-2 text-sm"
          role="region"
          aria-label="Selection"
        >
          <span className="font-medium text-brand-700">{selected.size} selected</span>
          <Button size="sm" onClick={() => setDialog("assign")}>
            Assign to tenant
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setDialog("unassign")}>
            Unassign
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setDialog("delete")}>
            Delete
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
            Clear
          </Button>
        </div>
      )}
      <DataTable
        noun="numbers"
        rows={list.data?.items}
        rowKey={(n) => n.id}
        loading={list.isPending}
        empty={active ? "No number matches these filters." : "No numbers yet. Add the DIDs your carrier gave you."}
        pagination={list.data && { page, pageSize: PAGE_SIZE, total: list.data.total, onPage: setPage }}
        columns={[
          {
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
          },
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
        ]}
      />
      <AddRangeDialog open={dialog === "add"} onOpenChange={(o) => setDialog(o ? "add" : null)} />
      <AssignDialog
        ids={ids}
        open={dialog === "assign"}
        onOpenChange={(o) => setDialog(o ? "assign" : null)}
        onDone={() => setSelected(new Set())}
      />
      <ConfirmDialog
        open={dialog === "unassign"}
        onOpenChange={(o) => setDialog(o ? "unassign" : null)}
        title={`Unassign ${selected.size} number(s)?`}
        confirmLabel="Unassign"
        busy={unassign.isPending}
        onConfirm={() => unassign.mutate({ ids })}
      >
        Calls to these numbers stop reaching their tenants at once, and their destinations are cleared.
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "delete"}
        onOpenChange={(o) => setDialog(o ? "delete" : null)}
        title={`Delete ${selected.size} number(s)?`}
        confirmLabel="Delete"
        busy={remove.isPending}
        onConfirm={() => remove.mutate({ ids })}
      >
        Only unassigned numbers can be deleted.
      </ConfirmDialog>
    </>
  );
}
