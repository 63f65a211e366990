"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice } from "@/components/ui/AccessNotice";
import { AuditTable } from "@/components/audit/AuditTable";
import { FilterInput, FilterSelect, ListFilters } from "@/components/ui/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { useListFilters } from "@/components/ui/useListFilters";

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
      <AuditTable
        rows={list.data?.items}
        loading={list.isPending}
        error={list.error?.message}
        empty={"Nothing has happened yet."}
        onClearFilters={active ? clear : undefined}
        pagination={list.data && { page, pageSize: PAGE_SIZE, total: list.data.total, onPage: setPage }}
        showTenant
      />
    </>
  );
}
