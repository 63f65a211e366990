"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { DataTable } from "@/components/ui/DataTable";
import { FilterInput, ListFilters } from "@/components/ui/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { useListFilters } from "@/components/ui/useListFilters";
import { CreateTenantDialog } from "./CreateTenantDialog";

const PAGE_SIZE = 25;

export function TenantsView() {
  const trpc = useTRPC();
  const { filters, setFilter, page, setPage } = useListFilters({ search: "" });
  const [creating, setCreating] = useState(false);
  const list = useQuery(
    trpc.domains.list.queryOptions({ page, pageSize: PAGE_SIZE, search: filters.search || undefined }),
  );

  return (
    <>
      <PageHeader
        title="Tenants"
        description="Each tenant is one SIP domain with its own extensions, numbers and users."
        actions={<Button onClick={() => setCreating(true)}>New tenant</Button>}
      />
      <ListFilters>
        <FilterInput
          label="Search tenants"
          placeholder="Search by domain or name"
          value={filters.search}
          onChange={(v) => setFilter("search", v)}
        />
      </ListFilters>
      <DataTable
        noun="tenants"
        rows={list.data?.items}
        rowKey={(d) => d.id}
        loading={list.isPending}
        error={list.error?.message}
        empty={filters.search ? "No tenant matches that search." : "No tenants yet. Create the first one."}
        pagination={list.data && { page, pageSize: PAGE_SIZE, total: list.data.total, onPage: setPage }}
        columns={[
          {
            header: "Domain",
            cell: (d) => (
              <Link href={`/admin/tenants/${d.id}`} className="font-medium text-brand-700 hover:underline">
                {d.name}
              </Link>
            ),
          },
          { header: "Name", cell: (d) => d.displayName },
          {
            header: "Status",
            cell: (d) => (
              <Badge tone={d.status === "ACTIVE" ? "green" : "amber"}>
                {d.status === "ACTIVE" ? "Active" : "Suspended"}
              </Badge>
            ),
          },
          { header: "Extensions", cell: (d) => `${d._count.extensions} / ${d.maxExtensions}` },
          { header: "Numbers", cell: (d) => d._count.phoneNumbers },
        ]}
      />
      <CreateTenantDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
