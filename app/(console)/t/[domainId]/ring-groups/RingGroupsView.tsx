"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/components/forms/ConfirmDialog";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice, isAccessDenied } from "@/components/ui/AccessNotice";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { DataTable } from "@/components/ui/DataTable";
import { EditDeleteButtons } from "@/components/ui/EditDeleteButtons";
import { FilterInput, ListFilters } from "@/components/ui/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { useListFilters } from "@/components/ui/useListFilters";
import type { RingGroupView } from "@/server/ringGroups/service";
import { DESTINATION_LABELS } from "@/server/shared/destinationSchema";
import { RingGroupDialog } from "./RingGroupDialog";

const PAGE_SIZE = 25;

export function RingGroupsView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const { filters, setFilter, page, setPage } = useListFilters({ search: "" });
  const [editing, setEditing] = useState<RingGroupView | "new" | null>(null);
  const [deleting, setDeleting] = useState<RingGroupView | null>(null);
  const list = useQuery(
    trpc.ringGroups.list.queryOptions({ domainId, page, pageSize: PAGE_SIZE, search: filters.search || undefined }),
  );
  const remove = useToastMutation(trpc.ringGroups.delete.mutationOptions(), {
    success: () => `Ring group ${deleting?.name ?? ""} deleted`,
    onDone: () => setDeleting(null),
    invalidate: [trpc.ringGroups.list.queryKey()],
  });

  const code = list.error?.data?.code;
  if (isAccessDenied(code)) return <AccessNotice code={code} audience="tenant" />;

  return (
    <>
      <PageHeader
        title="Ring groups"
        description="One number that rings several extensions, all at once or in turn."
        actions={<Button onClick={() => setEditing("new")}>New ring group</Button>}
      />
      <ListFilters>
        <FilterInput
          label="Search ring groups"
          placeholder="Search number or name"
          value={filters.search}
          onChange={(v) => setFilter("search", v)}
        />
      </ListFilters>
      <DataTable
        noun="ring groups"
        rows={list.data?.items}
        rowKey={(g) => g.id}
        loading={list.isPending}
        error={list.error?.message}
        empty={
          filters.search
            ? "No ring group matches that search."
            : "No ring groups yet. Create one to ring several phones from one number."
        }
        pagination={list.data && { page, pageSize: PAGE_SIZE, total: list.data.total, onPage: setPage }}
        columns={[
          { header: "Number", className: "font-mono font-medium", cell: (g) => g.number },
          { header: "Name", cell: (g) => g.name },
          {
            header: "Strategy",
            cell: (g) => (
              <>
                <Badge tone="blue">{g.strategy === "SIMULTANEOUS" ? "All at once" : "In turn"}</Badge> {g.ringTimeout}s
              </>
            ),
          },
          {
            header: "Members",
            className: "max-w-xs truncate",
            cell: (g) =>
              g.members.length === 0 ? (
                <span className="text-amber-700">None</span>
              ) : (
                g.members.map((m) => m.extension.number).join(", ")
              ),
          },
          {
            header: "If nobody answers",
            cell: (g) => `${DESTINATION_LABELS[g.fallbackType]} ${g.fallbackTarget ?? ""}`,
          },
        ]}
        actions={(g) => (
          <EditDeleteButtons
            name={`ring group ${g.number}`}
            onEdit={() => setEditing(g)}
            onDelete={() => setDeleting(g)}
          />
        )}
      />
      <RingGroupDialog domainId={domainId} editing={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete ring group ${deleting?.number ?? ""}?`}
        confirmLabel="Delete ring group"
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ domainId, id: deleting.id })}
      >
        Calls to {deleting?.number} will no longer ring {deleting?.name}. A group that phone numbers or IVR menus still
        send calls to cannot be deleted.
      </ConfirmDialog>
    </>
  );
}
