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
import { CreateNodeDialog, EditNodeDialog, type EditableNode } from "./NodeDialogs";

const HEALTH_TONE = { UP: "green", DOWN: "red", UNKNOWN: "slate" } as const;
const STATES = ["ACTIVE", "DRAINING", "MAINTENANCE"] as const;

export function NodesView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<EditableNode | null>(null);
  const [deleting, setDeleting] = useState<{ id: string; hostname: string } | null>(null);
  const nodes = useQuery({ ...trpc.cluster.nodes.list.queryOptions(), refetchInterval: 10_000 });
  const sync = useQuery({ ...trpc.cluster.syncStatus.queryOptions(), refetchInterval: 10_000 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.cluster.nodes.list.queryKey() });
  const setState = useMutation(
    trpc.cluster.nodes.setAdminState.mutationOptions({
      onSuccess: async ({ node }) => {
        toast.success(`${node.hostname} is now ${node.adminState.toLowerCase()}`);
        await refresh();
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  const remove = useMutation(
    trpc.cluster.nodes.delete.mutationOptions({
      onSuccess: async () => {
        toast.success(`${deleting?.hostname} deleted`);
        setDeleting(null);
        await refresh();
      },
      onError: (error) => toast.error(error.message),
    }),
  );

  if (nodes.error) return <AccessNotice code={nodes.error.data?.code} />;
  const inSync = new Map(sync.data?.nodes.map((n) => [n.id, n.inSync]));

  return (
    <>
      <PageHeader
        title="Telephony nodes"
        description={`FreeSWITCH servers. Desired FreeSWITCH revision: ${sync.data?.freeswitchRevision.toString() ?? "…"}.`}
        actions={<Button onClick={() => setCreating(true)}>New node</Button>}
      />
      <TableCard>
        <thead>
          <tr>
            <Th>Node</Th>
            <Th>Health</Th>
            <Th>Calls</Th>
            <Th>Sync</Th>
            <Th>State</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {nodes.isPending && <EmptyRow colSpan={6}>Loading nodes…</EmptyRow>}
          {nodes.data?.length === 0 && <EmptyRow colSpan={6}>No nodes yet. Add your first FreeSWITCH server.</EmptyRow>}
          {nodes.data?.map((n) => (
            <tr key={n.id} className="hover:bg-slate-50">
              <Td>
                <span className="block font-medium">{n.hostname}</span>
                <span className="font-mono text-xs text-slate-500">
                  {n.sipAddress}:{n.sipPort}
                </span>
              </Td>
              <Td>
                <Badge tone={HEALTH_TONE[n.health]}>{n.health.toLowerCase()}</Badge>
              </Td>
              <Td>
                {n.activeCalls} / {n.capacity}
              </Td>
              <Td>
                {inSync.get(n.id) === false ? <Badge tone="amber">behind</Badge> : <Badge tone="green">in sync</Badge>}
                <span className="ml-1 text-xs text-slate-500">rev {n.appliedRevision.toString()}</span>
                {n.lastSyncError && (
                  <span className="block max-w-48 truncate text-xs text-red-600" title={n.lastSyncError}>
                    {n.lastSyncError}
                  </span>
                )}
              </Td>
              <Td>
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
              </Td>
              <Td>
                <div className="flex justify-end gap-2">
                  <Button size="sm" variant="secondary" onClick={() => setEditing(n)} aria-label={`Edit ${n.hostname}`}>
                    Edit
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setDeleting(n)} aria-label={`Delete ${n.hostname}`}>
                    Delete
                  </Button>
                </div>
              </Td>
            </tr>
          ))}
        </tbody>
      </TableCard>
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
