"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyRow, TableCard, Td, Th } from "@/components/ui/Table";
import { AccessNotice } from "../_components/AccessNotice";
import { ConfirmDialog } from "../_components/ConfirmDialog";
import { ProxyDialog, type ProxyRow } from "./ProxyDialog";

export function ProxiesView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<ProxyRow | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [deleting, setDeleting] = useState<ProxyRow | null>(null);
  const proxies = useQuery(trpc.cluster.proxies.list.queryOptions());
  const sync = useQuery({ ...trpc.cluster.syncStatus.queryOptions(), refetchInterval: 10_000 });
  const remove = useMutation(
    trpc.cluster.proxies.delete.mutationOptions({
      onSuccess: async () => {
        toast.success(`${deleting?.name} deleted`);
        setDeleting(null);
        await queryClient.invalidateQueries({ queryKey: trpc.cluster.proxies.list.queryKey() });
      },
      onError: (error) => toast.error(error.message),
    }),
  );

  if (proxies.error) return <AccessNotice code={proxies.error.data?.code} />;
  const status = new Map(sync.data?.proxies.map((p) => [p.id, p]));
  const open = (proxy: ProxyRow | null) => {
    setEditing(proxy);
    setDialogOpen(true);
  };

  return (
    <>
      <PageHeader
        title="SIP proxies"
        description={
          sync.data
            ? `Kamailio instances. Desired revision ${sync.data.kamailioRevision.toString()}; ${sync.data.pendingOutbox} change(s) waiting to be pushed.`
            : "Kamailio instances in front of the nodes."
        }
        actions={<Button onClick={() => open(null)}>New proxy</Button>}
      />
      <TableCard>
        <thead>
          <tr>
            <Th>Proxy</Th>
            <Th>Sync</Th>
            <Th>Last push</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {proxies.isPending && <EmptyRow colSpan={4}>Loading proxies…</EmptyRow>}
          {proxies.data?.length === 0 && (
            <EmptyRow colSpan={4}>No SIP proxies yet. Add your Kamailio instances.</EmptyRow>
          )}
          {proxies.data?.map((p) => {
            const s = status.get(p.id);
            return (
              <tr key={p.id} className="hover:bg-slate-50">
                <Td>
                  <span className="block font-medium">{p.name}</span>
                  <span className="font-mono text-xs text-slate-500">{p.rpcUrl}</span>
                </Td>
                <Td>
                  {!p.enabled ? (
                    <Badge>disabled</Badge>
                  ) : s?.inSync === false ? (
                    <Badge tone="amber">behind</Badge>
                  ) : (
                    <Badge tone="green">in sync</Badge>
                  )}
                  <span className="ml-1 text-xs text-slate-500">rev {p.appliedRevision.toString()}</span>
                  {p.lastError && (
                    <span className="block max-w-64 truncate text-xs text-red-600" title={p.lastError}>
                      {p.lastError}
                    </span>
                  )}
                </Td>
                <Td className="text-xs text-slate-500">{p.lastSyncAt ? p.lastSyncAt.toLocaleString() : "never"}</Td>
                <Td>
                  <div className="flex justify-end gap-2">
                    <Button size="sm" variant="secondary" onClick={() => open(p)} aria-label={`Edit ${p.name}`}>
                      Edit
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => setDeleting(p)} aria-label={`Delete ${p.name}`}>
                      Delete
                    </Button>
                  </div>
                </Td>
              </tr>
            );
          })}
        </tbody>
      </TableCard>
      <ProxyDialog proxy={editing} open={dialogOpen} onOpenChange={setDialogOpen} />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={`Delete ${deleting?.name ?? ""}?`}
        confirmLabel="Delete proxy"
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      >
        Switchboard stops pushing to it, and the nodes stop accepting its traffic.
      </ConfirmDialog>
    </>
  );
}
