"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/app/(console)/admin/_components/ConfirmDialog";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { PageHeader } from "@/components/ui/PageHeader";
import { Pagination } from "@/components/ui/Pagination";
import { EmptyRow, TableCard, Td, Th } from "@/components/ui/Table";
import type { IvrMenuView } from "@/server/ivrMenus/service";
import { DESTINATION_LABELS } from "@/server/shared/destination";
import { IvrMenuDialog } from "./IvrMenuDialog";

const PAGE_SIZE = 25;

export function IvrMenusView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<IvrMenuView | "new" | null>(null);
  const [deleting, setDeleting] = useState<IvrMenuView | null>(null);
  const list = useQuery(
    trpc.ivrMenus.list.queryOptions({ domainId, page, pageSize: PAGE_SIZE, search: search || undefined }),
  );
  const remove = useMutation(
    trpc.ivrMenus.delete.mutationOptions({
      onSuccess: async () => {
        toast.success(`IVR menu ${deleting?.name ?? ""} deleted`);
        setDeleting(null);
        await queryClient.invalidateQueries({ queryKey: trpc.ivrMenus.list.queryKey() });
      },
      onError: (error) => toast.error(error.message),
    }),
  );

  if (list.error?.data?.code === "NOT_FOUND") {
    return <PageHeader title="Not found" description="This tenant does not exist or you do not have access to it." />;
  }

  return (
    <>
      <PageHeader
        title="IVR menus"
        description="Auto attendants: a greeting, then callers choose where to go with their keypad."
        actions={<Button onClick={() => setEditing("new")}>New IVR menu</Button>}
      />
      <div className="mb-4 max-w-xs">
        <input
          className={inputClass}
          placeholder="Search number or name"
          aria-label="Search IVR menus"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
        />
      </div>
      <TableCard
        footer={list.data && <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />}
      >
        <thead>
          <tr>
            <Th>Number</Th>
            <Th>Name</Th>
            <Th>Greeting</Th>
            <Th>Keys</Th>
            <Th>No key pressed</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.isPending && <EmptyRow colSpan={6}>Loading IVR menus…</EmptyRow>}
          {list.isError && <EmptyRow colSpan={6}>Could not load IVR menus: {list.error.message}</EmptyRow>}
          {list.data?.items.length === 0 && (
            <EmptyRow colSpan={6}>
              {search
                ? "No IVR menu matches that search."
                : "No IVR menus yet. Create one to greet callers and let them choose."}
            </EmptyRow>
          )}
          {list.data?.items.map((m) => (
            <tr key={m.id} className="hover:bg-slate-50">
              <Td className="font-mono font-medium">{m.number}</Td>
              <Td>{m.name}</Td>
              <Td className="max-w-56 truncate text-slate-500">{m.greeting}</Td>
              <Td>{m.options.map((o) => o.digits).join(" ") || "—"}</Td>
              <Td>
                {DESTINATION_LABELS[m.timeoutType]} {m.timeoutTarget}
              </Td>
              <Td className="text-right">
                <div className="flex justify-end gap-2">
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => setEditing(m)}
                    aria-label={`Edit IVR menu ${m.number}`}
                  >
                    Edit
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => setDeleting(m)}
                    aria-label={`Delete IVR menu ${m.number}`}
                  >
                    Delete
                  </Button>
                </div>
              </Td>
            </tr>
          ))}
        </tbody>
      </TableCard>
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
