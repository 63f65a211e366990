"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice, isAccessDenied } from "@/components/ui/AccessNotice";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { DataTable } from "@/components/ui/DataTable";
import { FilterInput, ListFilters } from "@/components/ui/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { useListFilters } from "@/components/ui/useListFilters";
import type { NumberView } from "@/server/numbers/service";
import { DESTINATION_LABELS } from "@/server/shared/destinationSchema";
import { DestinationDialog } from "./DestinationDialog";

const PAGE_SIZE = 50;

export function TenantNumbersView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const { filters, setFilter, page, setPage } = useListFilters({ search: "" });
  const [editing, setEditing] = useState<NumberView | null>(null);
  const list = useQuery(
    trpc.numbers.listMine.queryOptions({ domainId, page, pageSize: PAGE_SIZE, search: filters.search || undefined }),
  );

  const code = list.error?.data?.code;
  if (isAccessDenied(code)) return <AccessNotice code={code} audience="tenant" />;

  return (
    <>
      <PageHeader
        title="Phone numbers"
        description="Your public numbers and where each one rings. Ask your provider for more numbers."
      />
      <ListFilters>
        <FilterInput
          label="Search numbers"
          placeholder="Search number"
          value={filters.search}
          onChange={(v) => setFilter("search", v)}
        />
      </ListFilters>
      <DataTable
        noun="numbers"
        rows={list.data?.items}
        rowKey={(n) => n.id}
        loading={list.isPending}
        error={list.error?.message}
        empty={filters.search ? "No number matches that search." : "No numbers yet. Your provider assigns them to you."}
        pagination={list.data && { page, pageSize: PAGE_SIZE, total: list.data.total, onPage: setPage }}
        columns={[
          { header: "Number", className: "font-mono font-medium", cell: (n) => n.e164 },
          {
            header: "Rings",
            cell: (n) =>
              n.destType ? (
                `${DESTINATION_LABELS[n.destType]} ${n.destTarget ?? ""}`
              ) : (
                <Badge tone="amber">Not set: calls are rejected</Badge>
              ),
          },
          { header: "Description", className: "text-slate-500", cell: (n) => n.description ?? "" },
        ]}
        actions={(n) => (
          <Button
            size="sm"
            variant="secondary"
            onClick={() => setEditing(n)}
            aria-label={`Set destination of ${n.e164}`}
          >
            Set destination
          </Button>
        )}
      />
      <DestinationDialog domainId={domainId} number={editing} onClose={() => setEditing(null)} />
    </>
  );
}
