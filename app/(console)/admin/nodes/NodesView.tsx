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
import { PageHeader } from "@/components/ui/PageHeader";
import { NodeHealthCell } from "@/components/liveState/NodeHealthCell";
import { KamailioViewCell } from "@/components/cluster/KamailioViewCell";
import { externalSipPort } from "@/server/cluster/nodeAddress";
import { SyncState } from "../_components/SyncState";
import { CreateNodeDialog, EditNodeDialog, type EditableNode } from "./NodeDialogs";

const STATES = ["ACTIVE", "DRAINING", "MAINTENANCE"] as const;

export function NodesView() {
  const trpc = useTRPC();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<EditableNode | null>(null);
  const [deleting, setDeleting] = useState<{ id: string; hostname: string } | null>(null);
  // Poll faster while a node drains, so its calls are seen falling towards zero.
  const nodes = useQuery({
    ...trpc.cluster.nodes.list.queryOptions(),
    refetchInterval: (q) => (q.state.data?.some((n) => n.adminState === "DRAINING") ? 3_000 : 10_000),
  });
  const sync = useQuery({ ...trpc.cluster.syncStatus.queryOptions(), refetchInterval: 10_000 });
  const invalidate = [trpc.cluster.nodes.list.queryKey()];
  const setState = useToastMutation(trpc.cluster.nodes.setAdminState.mutationOptions(), {
    success: ({ node }) => `${node.hostname} is now ${node.adminState.toLowerCase()}`,
    invalidate,
  });
  const remove = useToastMutation(trpc.cluster.nodes.delete.mutationOptions(), {
    success: () => `${deleting?.hostname} deleted`,
    onDone: () => setDeleting(null),
    invalidate,
  });

  if (nodes.error) return <AccessNotice code={nodes.error.data?.code} />;
  const inSync = new Map(sync.data?.nodes.map((n) => [n.id, n.inSync]));

  return (
    <>
      <PageHeader
        title="Telephony nodes"
        description={`FreeSWITCH servers. Desired FreeSWITCH revision: ${sync.data?.freeswitchRevision.toString() ?? "…"}.`}
        actions={<Button onClick={() => setCreating(true)}>New node</Button>}
      />
      <DataTable
        noun="nodes"
        rows={nodes.data}
        rowKey={(n) => n.id}
        loading={nodes.isPending}
        empty="No nodes yet. Add your first FreeSWITCH server."
        columns={[
          {
            header: "Node",
            cell: (n) => (
              <>
                <span className="block font-medium">{n.hostname}</span>
                <span className="font-mono text-xs text-slate-500">
                  {n.sipAddress}:{n.sipPort}
                </span>
                <span className="block text-xs text-slate-500">trunks on port {externalSipPort(n)}</span>
              </>
            ),
          },
          { header: "Health", cell: (n) => <NodeHealthCell node={n} /> },
          { header: "SIP proxies see", cell: (n) => <KamailioViewCell hostname={n.hostname} view={n.kamailio} /> },
          { header: "Calls", cell: (n) => `${n.activeCalls} / ${n.capacity}` },
          {
            header: "Sync",
            cell: (n) => (
              <SyncState
                state={inSync.get(n.id) === false ? "behind" : "in sync"}
                revision={n.appliedRevision}
                error={n.lastSyncError}
              />
            ),
          },
          {
            header: "State",
            cell: (n) => (
              <div className="flex flex-col items-start gap-1">
                <select
                  aria-label={`State of ${n.hostname}`}
                  className="rounded-md border-0 py-1 text-sm ring-1 ring-slate-300"
                  value={n.adminState}
                  disabled={setState.isPending}
                  onChange={(e) => setState.mutate({ id: n.id, adminState: e.target.value as (typeof STATES)[number] })}
                >
                  {STATES.map((s) => (
                    <option key={s} value={s}>
                      {s.toLowerCase()}
                    </option>
                  ))}
                </select>
                {n.adminState === "DRAINING" &&
                  (n.activeCalls === 0 ? (
                    <Button
                      size="sm"
                      variant="secondary"
                      onClick={() => setState.mutate({ id: n.id, adminState: "MAINTENANCE" })}
                    >
                      Drained: start maintenance
                    </Button>
                  ) : (
                    <Badge tone="amber">{`draining, ${n.activeCalls} calls left`}</Badge>
                  ))}
              </div>
            ),
          },
        ]}
        actions={(n) => (
          <EditDeleteButtons name={n.hostname} onEdit={() => setEditing(n)} onDelete={() => setDeleting(n)} />
        )}
      />
      <CreateNodeDialog open={creating} onOpenChange={setCreating} />
      <EditNodeDialog node={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={`Delete ${deleting?.hostname ?? ""}?`}
        confirmLabel="Delete node"
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      >
        The proxies stop sending calls to it. Drain it first so calls in progress can finish.
      </ConfirmDialog>
    </>
  );
}
