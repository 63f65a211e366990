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
import { EditDeleteButtons } from "@/components/ui/EditDeleteButtons";
import { FilterInput, ListFilters } from "@/components/ui/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { useListFilters } from "@/components/ui/useListFilters";
import type { TrunkView } from "@/server/trunks/service";
import { TrunkDialog } from "./TrunkDialog";

const PAGE_SIZE = 25;

export function TrunksView() {
  const trpc = useTRPC();
  const { filters, setFilter, page, setPage } = useListFilters({ search: "" });
  const [editing, setEditing] = useState<TrunkView | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [deleting, setDeleting] = useState<TrunkView | null>(null);
  const list = useQuery(
    trpc.trunks.list.queryOptions({ page, pageSize: PAGE_SIZE, search: filters.search || undefined }),
  );
  const remove = useToastMutation(trpc.trunks.delete.mutationOptions(), {
    success: () => `Trunk ${deleting?.name} deleted`,
    onDone: () => setDeleting(null),
    invalidate: [trpc.trunks.list.queryKey()],
  });

  if (list.error) return <AccessNotice code={list.error.data?.code} />;

  const open = (trunk: TrunkView | null) => {
    setEditing(trunk);
    setDialogOpen(true);
  };

  return (
    <>
      <PageHeader
        title="Trunks"
        description="Carrier gateways. Every telephony node loads every trunk; outbound routes pick them in order."
        actions={<Button onClick={() => open(null)}>New trunk</Button>}
      />
      <ListFilters>
        <FilterInput
          label="Search trunks"
          placeholder="Search name or host"
          value={filters.search}
          onChange={(v) => setFilter("search", v)}
        />
      </ListFilters>
      <DataTable
        noun="trunks"
        rows={list.data?.items}
        rowKey={(t) => t.id}
        loading={list.isPending}
        empty={
          filters.search ? "No trunk matches that search." : "No trunks yet. Add your carrier to place outside calls."
        }
        pagination={list.data && { page, pageSize: PAGE_SIZE, total: list.data.total, onPage: setPage }}
        columns={[
          { header: "Name", className: "font-medium", cell: (t) => t.name },
          {
            header: "Proxy",
            className: "font-mono text-xs",
            cell: (t) => `${t.transport.toLowerCase()}:${t.proxyHost}:${t.proxyPort}`,
          },
          {
            header: "Auth",
            cell: (t) => (t.register ? `Registers as ${t.username}` : t.hasPassword ? "Digest" : "IP"),
          },
          { header: "Routes", cell: (t) => t._count.routes },
          {
            header: "Status",
            cell: (t) => <Badge tone={t.enabled ? "green" : "slate"}>{t.enabled ? "Enabled" : "Disabled"}</Badge>,
          },
        ]}
        actions={(t) => (
          <EditDeleteButtons name={t.name} nameEdit={false} onEdit={() => open(t)} onDelete={() => setDeleting(t)} />
        )}
      />
      <TrunkDialog trunk={editing} open={dialogOpen} onOpenChange={setDialogOpen} />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={`Delete trunk ${deleting?.name ?? ""}?`}
        confirmLabel="Delete trunk"
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      >
        Every node drops the gateway. A trunk that routes still use cannot be deleted.
      </ConfirmDialog>
    </>
  );
}
