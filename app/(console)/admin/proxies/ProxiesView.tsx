"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/components/forms/ConfirmDialog";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice } from "@/components/ui/AccessNotice";
import { Button } from "@/components/ui/Button";
import { DataTable } from "@/components/ui/DataTable";
import { EditDeleteButtons } from "@/components/ui/EditDeleteButtons";
import { PageHeader } from "@/components/ui/PageHeader";
import { SyncState } from "../_components/SyncState";
import { ProxyDialog, type ProxyRow } from "./ProxyDialog";

export function ProxiesView() {
  const trpc = useTRPC();
  const [editing, setEditing] = useState<ProxyRow | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [deleting, setDeleting] = useState<ProxyRow | null>(null);
  const proxies = useQuery(trpc.cluster.proxies.list.queryOptions());
  const sync = useQuery({ ...trpc.cluster.syncStatus.queryOptions(), refetchInterval: 10_000 });
  const remove = useToastMutation(trpc.cluster.proxies.delete.mutationOptions(), {
    success: () => `${deleting?.name} deleted`,
    onDone: () => setDeleting(null),
    invalidate: [trpc.cluster.proxies.list.queryKey()],
  });

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
      <DataTable
        noun="proxies"
        rows={proxies.data}
        rowKey={(p) => p.id}
        loading={proxies.isPending}
        empty="No SIP proxies yet. Add your Kamailio instances."
        columns={[
          {
            header: "Proxy",
            cell: (p) => (
              <>
                <span className="block font-medium">{p.name}</span>
                <span className="font-mono text-xs text-slate-500">{p.rpcUrl}</span>
              </>
            ),
          },
          {
            header: "Sync",
            cell: (p) => (
              <SyncState
                state={
                  !p.enabled
                    ? "disabled"
                    : status.get(p.id)?.neverConnected
                      ? "never connected"
                      : status.get(p.id)?.inSync === false
                        ? "behind"
                        : "in sync"
                }
                revision={p.appliedRevision}
                error={p.lastError}
              />
            ),
          },
          {
            header: "Last push",
            className: "text-xs text-slate-500",
            cell: (p) => (p.lastSyncAt ? p.lastSyncAt.toLocaleString() : "never"),
          },
        ]}
        actions={(p) => <EditDeleteButtons name={p.name} onEdit={() => open(p)} onDelete={() => setDeleting(p)} />}
      />
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
