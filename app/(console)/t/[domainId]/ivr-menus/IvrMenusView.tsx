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
import type { IvrMenuView } from "@/server/ivrMenus/service";
import { DESTINATION_LABELS } from "@/server/shared/destinationSchema";
import { IvrMenuDialog } from "./IvrMenuDialog";

const PAGE_SIZE = 25;

export function IvrMenusView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const { filters, setFilter, page, setPage } = useListFilters({ search: "" });
  const [editing, setEditing] = useState<IvrMenuView | "new" | null>(null);
  const [deleting, setDeleting] = useState<IvrMenuView | null>(null);
  const list = useQuery(
    trpc.ivrMenus.list.queryOptions({ domainId, page, pageSize: PAGE_SIZE, search: filters.search || undefined }),
  );
  const remove = useToastMutation(trpc.ivrMenus.delete.mutationOptions(), {
    success: () => `IVR menu ${deleting?.name ?? ""} deleted`,
    onDone: () => setDeleting(null),
    invalidate: [trpc.ivrMenus.list.queryKey()],
  });

  const code = list.error?.data?.code;
  if (isAccessDenied(code)) return <AccessNotice code={code} audience="tenant" />;

  return (
    <>
      <PageHeader
        title="IVR menus"
        description="Auto attendants: a greeting, then callers choose where to go with their keypad."
        actions={<Button onClick={() => setEditing("new")}>New IVR menu</Button>}
      />
      <ListFilters>
        <FilterInput
          label="Search IVR menus"
          placeholder="Search number or name"
          value={filters.search}
          onChange={(v) => setFilter("search", v)}
        />
      </ListFilters>
      <DataTable
        noun="IVR menus"
        rows={list.data?.items}
        rowKey={(m) => m.id}
        loading={list.isPending}
        error={list.error?.message}
        empty={
          filters.search
            ? "No IVR menu matches that search."
            : "No IVR menus yet. Create one to greet callers and let them choose."
        }
        pagination={list.data && { page, pageSize: PAGE_SIZE, total: list.data.total, onPage: setPage }}
        columns={[
          { header: "Number", className: "font-mono font-medium", cell: (m) => m.number },
          { header: "Name", cell: (m) => m.name },
          { header: "Greeting", className: "max-w-56 truncate text-slate-500", cell: (m) => m.greeting },
          { header: "Keys", cell: (m) => m.options.map((o) => o.digits).join(" ") || "—" },
          { header: "No key pressed", cell: (m) => `${DESTINATION_LABELS[m.timeoutType]} ${m.timeoutTarget ?? ""}` },
        ]}
        actions={(m) => (
          <EditDeleteButtons
            name={`IVR menu ${m.number}`}
            onEdit={() => setEditing(m)}
            onDelete={() => setDeleting(m)}
          />
        )}
      />
      <IvrMenuDialog domainId={domainId} editing={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete IVR menu ${deleting?.number ?? ""}?`}
        confirmLabel="Delete IVR menu"
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ domainId, id: deleting.id })}
      >
        Callers will no longer reach {deleting?.name}. A menu that phone numbers or other menus still send calls to
        cannot be deleted.
      </ConfirmDialog>
    </>
  );
}
