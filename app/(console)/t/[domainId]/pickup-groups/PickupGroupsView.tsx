"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/components/forms/ConfirmDialog";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice, isAccessDenied } from "@/components/ui/AccessNotice";
import { Button } from "@/components/ui/Button";
import { DataTable } from "@/components/ui/DataTable";
import { EditDeleteButtons } from "@/components/ui/EditDeleteButtons";
import { FilterInput, ListFilters } from "@/components/ui/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { useListFilters } from "@/components/ui/useListFilters";
import { PICKUP_CODES } from "@/server/pickupGroups/schemas";
import type { PickupGroupView } from "@/server/pickupGroups/service";
import { PickupGroupDialog } from "./PickupGroupDialog";

const PAGE_SIZE = 25;

export function PickupGroupsView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const { filters, setFilter, page, setPage } = useListFilters({ search: "" });
  const [editing, setEditing] = useState<PickupGroupView | "new" | null>(null);
  const [deleting, setDeleting] = useState<PickupGroupView | null>(null);
  const list = useQuery(
    trpc.pickupGroups.list.queryOptions({ domainId, page, pageSize: PAGE_SIZE, search: filters.search || undefined }),
  );
  const remove = useToastMutation(trpc.pickupGroups.delete.mutationOptions(), {
    success: () => `Pickup group ${deleting?.name ?? ""} deleted`,
    onDone: () => setDeleting(null),
    invalidate: [trpc.pickupGroups.list.queryKey()],
  });

  const code = list.error?.data?.code;
  if (isAccessDenied(code)) return <AccessNotice code={code} audience="tenant" />;

  return (
    <>
      <PageHeader
        title="Pickup groups"
        description={`Members answer each other's ringing calls with ${PICKUP_CODES.group}; ${PICKUP_CODES.directed}<extension> answers a call ringing one member.`}
        actions={<Button onClick={() => setEditing("new")}>New pickup group</Button>}
      />
      <ListFilters>
        <FilterInput
          label="Search pickup groups"
          placeholder="Search name"
          value={filters.search}
          onChange={(v) => setFilter("search", v)}
        />
      </ListFilters>
      <DataTable
        noun="pickup groups"
        rows={list.data?.items}
        rowKey={(g) => g.id}
        loading={list.isPending}
        error={list.error?.message}
        empty={
          filters.search
            ? "No pickup group matches that search."
            : "No pickup groups yet. Create one so colleagues can answer each other's phones."
        }
        pagination={list.data && { page, pageSize: PAGE_SIZE, total: list.data.total, onPage: setPage }}
        columns={[
          { header: "Name", className: "font-medium", cell: (g) => g.name },
          {
            header: "Members",
            className: "max-w-md truncate",
            cell: (g) =>
              g.members.length === 0 ? (
                <span className="text-amber-700">None</span>
              ) : (
                g.members.map((m) => m.extension.number).join(", ")
              ),
          },
        ]}
        actions={(g) => (
          <EditDeleteButtons
            name={`pickup group ${g.name}`}
            onEdit={() => setEditing(g)}
            onDelete={() => setDeleting(g)}
          />
        )}
      />
      <PickupGroupDialog domainId={domainId} editing={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete pickup group ${deleting?.name ?? ""}?`}
        confirmLabel="Delete pickup group"
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ domainId, id: deleting.id })}
      >
        Its members can no longer pick up each other&apos;s calls with {PICKUP_CODES.group}.
      </ConfirmDialog>
    </>
  );
}
