"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/forms/ConfirmDialog";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice } from "@/components/ui/AccessNotice";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { DataTable } from "@/components/ui/DataTable";
import { EditDeleteButtons } from "@/components/ui/EditDeleteButtons";
import { PageHeader } from "@/components/ui/PageHeader";
import type { RouteView } from "@/server/routes/service";
import { RouteDialog, type RouteFormOutput } from "./RouteDialog";

const PAGE_SIZE = 50;

/** Platform routes (domainId null) or one tenant's own routes; the same screen, different procedures. */
export function RoutesView({ domainId }: { domainId: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<RouteView | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [deleting, setDeleting] = useState<RouteView | null>(null);
  const tenant = domainId !== null;
  const tenantInput = { domainId: domainId ?? "" };

  const platformList = useQuery({
    ...trpc.routes.platform.list.queryOptions({ page, pageSize: PAGE_SIZE }),
    enabled: !tenant,
  });
  const tenantList = useQuery({
    ...trpc.routes.tenant.list.queryOptions({ ...tenantInput, page, pageSize: PAGE_SIZE }),
    enabled: tenant,
  });
  const platformChoices = useQuery({ ...trpc.routes.platform.trunkChoices.queryOptions(), enabled: !tenant });
  const tenantChoices = useQuery({ ...trpc.routes.tenant.trunkChoices.queryOptions(tenantInput), enabled: tenant });
  const list = tenant ? tenantList : platformList;
  const choices = (tenant ? tenantChoices.data : platformChoices.data) ?? [];
  const editable = tenant ? tenantList.data?.editable === true : true;

  const refresh = () =>
    queryClient.invalidateQueries({
      queryKey: tenant ? trpc.routes.tenant.list.queryKey() : trpc.routes.platform.list.queryKey(),
    });
  const createPlatform = useMutation(trpc.routes.platform.create.mutationOptions());
  const updatePlatform = useMutation(trpc.routes.platform.update.mutationOptions());
  const deletePlatform = useMutation(trpc.routes.platform.delete.mutationOptions());
  const createTenant = useMutation(trpc.routes.tenant.create.mutationOptions());
  const updateTenant = useMutation(trpc.routes.tenant.update.mutationOptions());
  const deleteTenant = useMutation(trpc.routes.tenant.delete.mutationOptions());

  const save = async (values: RouteFormOutput) => {
    if (editing) {
      await (tenant
        ? updateTenant.mutateAsync({ ...values, ...tenantInput, id: editing.id })
        : updatePlatform.mutateAsync({ ...values, id: editing.id }));
    } else {
      await (tenant ? createTenant.mutateAsync({ ...values, ...tenantInput }) : createPlatform.mutateAsync(values));
    }
    toast.success(`Route ${values.name} saved`);
    await refresh();
  };
  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await (tenant
        ? deleteTenant.mutateAsync({ ...tenantInput, id: deleting.id })
        : deletePlatform.mutateAsync({ id: deleting.id }));
      toast.success(`Route ${deleting.name} deleted`);
      setDeleting(null);
      await refresh();
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not delete the route");
    }
  };

  if (list.error) return <AccessNotice code={list.error.data?.code} />;

  const open = (route: RouteView | null) => {
    setEditing(route);
    setDialogOpen(true);
  };

  return (
    <>
      <PageHeader
        title="Outbound routes"
        description={
          tenant
            ? "Your own routes are tried before the provider's; within them, lower priority first."
            : "Platform-wide routes for every tenant. Tenant routes, where allowed, are tried first."
        }
        actions={editable ? <Button onClick={() => open(null)}>New route</Button> : undefined}
      />
      {tenant && tenantList.data && !editable && (
        <p className="mb-4 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-800" role="status">
          Your provider has not enabled tenant outbound routes for this domain; calls use the provider&apos;s routes.
        </p>
      )}
      <DataTable
        noun="routes"
        rows={list.data?.items}
        rowKey={(r) => r.id}
        loading={list.isPending}
        empty={editable ? "No routes yet. Create one so outside calls can leave." : "No routes of your own."}
        pagination={list.data && { page, pageSize: PAGE_SIZE, total: list.data.total, onPage: setPage }}
        columns={[
          { header: "Priority", cell: (r) => r.priority },
          { header: "Name", className: "font-medium", cell: (r) => r.name },
          { header: "Pattern", className: "font-mono", cell: (r) => r.pattern },
          {
            header: "Rewrite",
            className: "text-xs",
            cell: (r) => (
              <>
                {r.stripDigits > 0 && `strip ${r.stripDigits} `}
                {r.prepend && `prepend ${r.prepend}`}
                {r.callerIdNumber && <span className="block">CID {r.callerIdNumber}</span>}
                {r.stripDigits === 0 && !r.prepend && !r.callerIdNumber && "—"}
              </>
            ),
          },
          { header: "Trunks", cell: (r) => r.trunks.map((t) => t.trunk.name).join(" → ") },
          {
            header: "Status",
            cell: (r) => <Badge tone={r.enabled ? "green" : "slate"}>{r.enabled ? "Enabled" : "Disabled"}</Badge>,
          },
        ]}
        actions={(r) =>
          editable && (
            <EditDeleteButtons name={r.name} nameEdit={false} onEdit={() => open(r)} onDelete={() => setDeleting(r)} />
          )
        }
      />
      <RouteDialog
        route={editing}
        open={dialogOpen}
        onOpenChange={setDialogOpen}
        choices={choices}
        busy={createPlatform.isPending || updatePlatform.isPending || createTenant.isPending || updateTenant.isPending}
        onSave={save}
        onError={(message) => toast.error(message)}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={`Delete route ${deleting?.name ?? ""}?`}
        confirmLabel="Delete route"
        busy={deletePlatform.isPending || deleteTenant.isPending}
        onConfirm={() => void confirmDelete()}
      >
        Calls matching {deleting?.pattern} will use the next matching route, or fail if there is none.
      </ConfirmDialog>
    </>
  );
}
