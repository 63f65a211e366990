"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { PageHeader } from "@/components/ui/PageHeader";
import { Pagination } from "@/components/ui/Pagination";
import { EmptyRow, TableCard, Td, Th } from "@/components/ui/Table";
import type { TrunkView } from "@/server/trunks/service";
import { AccessNotice } from "../_components/AccessNotice";
import { ConfirmDialog } from "../_components/ConfirmDialog";
import { TrunkDialog } from "./TrunkDialog";

const PAGE_SIZE = 25;

export function TrunksView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<TrunkView | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [deleting, setDeleting] = useState<TrunkView | null>(null);
  const list = useQuery(trpc.trunks.list.queryOptions({ page, pageSize: PAGE_SIZE, search: search || undefined }));
  const remove = useMutation(
    trpc.trunks.delete.mutationOptions({
      onSuccess: async () => {
        toast.success(`Trunk ${deleting?.name} deleted`);
        setDeleting(null);
        await queryClient.invalidateQueries({ queryKey: trpc.trunks.list.queryKey() });
      },
      onError: (error) => toast.error(error.message),
    }),
  );

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
      <div className="mb-4 max-w-sm">
        <input
          className={inputClass}
          placeholder="Search name or host"
          aria-label="Search trunks"
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
            <Th>Name</Th>
            <Th>Proxy</Th>
            <Th>Auth</Th>
            <Th>Routes</Th>
            <Th>Status</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.isPending && <EmptyRow colSpan={6}>Loading trunks…</EmptyRow>}
          {list.data?.items.length === 0 && (
            <EmptyRow colSpan={6}>
              {search ? "No trunk matches that search." : "No trunks yet. Add your carrier to place outside calls."}
            </EmptyRow>
          )}
          {list.data?.items.map((t) => (
            <tr key={t.id} className="hover:bg-slate-50">
              <Td className="font-medium">{t.name}</Td>
              <Td className="font-mono text-xs">
                {t.transport.toLowerCase()}:{t.proxyHost}:{t.proxyPort}
              </Td>
              <Td>{t.register ? `Registers as ${t.username}` : t.hasPassword ? "Digest" : "IP"}</Td>
              <Td>{t._count.routes}</Td>
              <Td>
                <Badge tone={t.enabled ? "green" : "slate"}>{t.enabled ? "Enabled" : "Disabled"}</Badge>
              </Td>
              <Td className="text-right">
                <div className="flex justify-end gap-2">
                  <Button size="sm" variant="secondary" onClick={() => open(t)}>
                    Edit
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setDeleting(t)} aria-label={`Delete ${t.name}`}>
                    Delete
                  </Button>
                </div>
              </Td>
            </tr>
          ))}
        </tbody>
      </TableCard>
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
