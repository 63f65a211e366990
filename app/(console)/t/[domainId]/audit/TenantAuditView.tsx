"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice, isAccessDenied } from "@/components/ui/AccessNotice";
import { AuditTable } from "@/components/audit/AuditTable";
import { FilterInput, FilterSelect, ListFilters } from "@/components/ui/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { useListFilters } from "@/components/ui/useListFilters";

const PAGE_SIZE = 50;
const NO_FILTERS = { actor: "", action: "", entityType: "", from: "", to: "" };

/** A tenant admin's view of the changes made in their own domain (the server scopes the rows). */
export function TenantAuditView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const { filters, setFilter, clear, active, page, setPage } = useListFilters(NO_FILTERS);
  const entityTypes = useQuery(trpc.audit.tenant.entityTypes.queryOptions({ domainId }));
  const list = useQuery(trpc.audit.tenant.list.queryOptions({ domainId, page, pageSize: PAGE_SIZE, ...filters }));
  const filter = (key: keyof typeof NO_FILTERS) => ({
    value: filters[key],
    onChange: (value: string) => setFilter(key, value),
  });

  // Forbidden reads as not found too, so the page does not confirm that another tenant exists.
  if (isAccessDenied(list.error?.data?.code)) return <AccessNotice code="NOT_FOUND" audience="tenant" />;

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made in this tenant: who made it, from where, and what changed."
      />
      <ListFilters className="grid grid-cols-1 sm:grid-cols-2 lg:grid-cols-5">
        <FilterInput {...filter("actor")} label="Actor" placeholder="Actor" />
        <FilterInput {...filter("action")} label="Action" placeholder="Action, e.g. extension." />
        <FilterSelect
          {...filter("entityType")}
          label="Entity type"
          className=""
          anyLabel="Any entity"
          options={entityTypes.data?.map((t) => ({ value: t, label: t })) ?? []}
        />
        <FilterInput {...filter("from")} label="From" type="date" visibleLabel />
        <FilterInput {...filter("to")} label="To" type="date" visibleLabel />
      </ListFilters>
      <AuditTable
        rows={list.data?.items}
        loading={list.isPending}
        error={list.error?.message}
        empty={"No changes yet. Changes to extensions, ring groups, menus, numbers and users appear here."}
        onClearFilters={active ? clear : undefined}
        pagination={list.data && { page, pageSize: PAGE_SIZE, total: list.data.total, onPage: setPage }}
      />
    </>
  );
}
