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
import type { ConferenceRoomView } from "@/server/conferenceRooms/service";
import { ConferenceRoomDialog } from "./ConferenceRoomDialog";

const PAGE_SIZE = 25;

export function ConferenceRoomsView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const { filters, setFilter, page, setPage } = useListFilters({ search: "" });
  const [editing, setEditing] = useState<ConferenceRoomView | "new" | null>(null);
  const [deleting, setDeleting] = useState<ConferenceRoomView | null>(null);
  const list = useQuery(
    trpc.conferenceRooms.list.queryOptions({
      domainId,
      page,
      pageSize: PAGE_SIZE,
      search: filters.search || undefined,
    }),
  );
  const remove = useToastMutation(trpc.conferenceRooms.delete.mutationOptions(), {
    success: () => `Conference room ${deleting?.name ?? ""} deleted`,
    onDone: () => setDeleting(null),
    invalidate: [trpc.conferenceRooms.list.queryKey()],
  });

  const code = list.error?.data?.code;
  if (isAccessDenied(code)) return <AccessNotice code={code} audience="tenant" />;

  return (
    <>
      <PageHeader
        title="Conference rooms"
        description="Numbers callers dial to talk together, optionally behind a PIN."
        actions={<Button onClick={() => setEditing("new")}>New conference room</Button>}
      />
      <ListFilters>
        <FilterInput
          label="Search conference rooms"
          placeholder="Search number or name"
          value={filters.search}
          onChange={(v) => setFilter("search", v)}
        />
      </ListFilters>
      <DataTable
        noun="conference rooms"
        rows={list.data?.items}
        rowKey={(r) => r.id}
        loading={list.isPending}
        error={list.error?.message}
        empty={
          filters.search
            ? "No conference room matches that search."
            : "No conference rooms yet. Create one and give callers its number."
        }
        pagination={list.data && { page, pageSize: PAGE_SIZE, total: list.data.total, onPage: setPage }}
        columns={[
          { header: "Number", className: "font-mono font-medium", cell: (r) => r.number },
          { header: "Name", cell: (r) => r.name },
          { header: "PIN", cell: (r) => (r.pin ? "Required" : "None") },
          { header: "Moderator PIN", cell: (r) => (r.moderatorPin ? "Set" : "None") },
          { header: "Max members", cell: (r) => (r.maxMembers > 0 ? r.maxMembers : "No limit") },
          { header: "Recorded", cell: (r) => (r.record ? "Yes" : "No") },
        ]}
        actions={(r) => (
          <EditDeleteButtons
            name={`conference room ${r.number}`}
            onEdit={() => setEditing(r)}
            onDelete={() => setDeleting(r)}
          />
        )}
      />
      <ConferenceRoomDialog domainId={domainId} editing={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete conference room ${deleting?.number ?? ""}?`}
        confirmLabel="Delete conference room"
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ domainId, id: deleting.id })}
      >
        Callers will no longer reach {deleting?.name}; a conference running in it continues until its last caller hangs
        up.
      </ConfirmDialog>
    </>
  );
}
