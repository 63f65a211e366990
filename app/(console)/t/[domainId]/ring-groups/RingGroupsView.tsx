"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/app/(console)/admin/_components/ConfirmDialog";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { PageHeader } from "@/components/ui/PageHeader";
import { Pagination } from "@/components/ui/Pagination";
import { EmptyRow, TableCard, Td, Th } from "@/components/ui/Table";
import type { RingGroupView } from "@/server/ringGroups/service";
import { DESTINATION_LABELS } from "@/server/shared/destination";
import { RingGroupDialog } from "./RingGroupDialog";

const PAGE_SIZE = 25;

export function RingGroupsView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<RingGroupView | "new" | null>(null);
  const [deleting, setDeleting] = useState<RingGroupView | null>(null);
  const list = useQuery(
    trpc.ringGroups.list.queryOptions({ domainId, page, pageSize: PAGE_SIZE, search: search || undefined }),
  );
  const remove = useMutation(
    trpc.ringGroups.delete.mutationOptions({
      onSuccess: async () => {
        toast.success(`Ring group ${deleting?.name ?? ""} deleted`);
        setDeleting(null);
        await queryClient.invalidateQueries({ queryKey: trpc.ringGroups.list.queryKey() });
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
        title="Ring groups"
        description="One number that rings several extensions, all at once or in turn."
        actions={<Button onClick={() => setEditing("new")}>New ring group</Button>}
      />
      <div className="mb-4 max-w-xs">
        <input
          className={inputClass}
          placeholder="Search number or name"
          aria-label="Search ring groups"
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
            <Th>Strategy</Th>
            <Th>Members</Th>
            <Th>If nobody answers</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.isPending && <EmptyRow colSpan={6}>Loading ring groups…</EmptyRow>}
          {list.isError && <EmptyRow colSpan={6}>Could not load ring groups: {list.error.message}</EmptyRow>}
          {list.data?.items.length === 0 && (
            <EmptyRow colSpan={6}>
              {search
                ? "No ring group matches that search."
                : "No ring groups yet. Create one to ring several phones from one number."}
            </EmptyRow>
          )}
          {list.data?.items.map((g) => (
            <tr key={g.id} className="hover:bg-slate-50">
              <Td className="font-mono font-medium">{g.number}</Td>
              <Td>{g.name}</Td>
              <Td>
                <Badge tone="blue">{g.strategy === "SIMULTANEOUS" ? "All at once" : "In turn"}</Badge> {g.ringTimeout}s
              </Td>
              <Td className="max-w-xs truncate">
                {g.members.length === 0 ? (
                  <span className="text-amber-700">None</span>
                ) : (
                  g.members.map((m) => m.extension.number).join(", ")
                )}
              </Td>
              <Td>
                {DESTINATION_LABELS[g.fallbackType]} {g.fallbackTarget}
              </Td>
              <Td className="text-right">
                <div className="flex justify-end gap-2">
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => setEditing(g)}
                    aria-label={`Edit ring group ${g.number}`}
                  >
                    Edit
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => setDeleting(g)}
                    aria-label={`Delete ring group ${g.number}`}
                  >
                    Delete
                  </Button>
                </div>
              </Td>
            </tr>
          ))}
        </tbody>
      </TableCard>
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
