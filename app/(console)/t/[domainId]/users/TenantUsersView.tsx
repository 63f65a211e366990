"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { ResetPasswordDialog } from "@/app/(console)/admin/users/ResetPasswordDialog";
import { ROLE_LABELS } from "@/app/(console)/admin/users/roleLabels";
import { ConfirmDialog } from "@/components/forms/ConfirmDialog";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice, isAccessDenied } from "@/components/ui/AccessNotice";
import { Button } from "@/components/ui/Button";
import { AccountButtons, userColumn, userStatusColumn } from "@/components/users/userColumns";
import { DataTable } from "@/components/ui/DataTable";
import { FilterInput, ListFilters } from "@/components/ui/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { useListFilters } from "@/components/ui/useListFilters";
import type { TenantUserView } from "@/server/users/tenantService";
import { CreateTenantUserDialog, EditTenantUserDialog } from "./TenantUserDialog";

const PAGE_SIZE = 25;

export function TenantUsersView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const { filters, setFilter, page, setPage } = useListFilters({ search: "" });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<TenantUserView | null>(null);
  const [resetting, setResetting] = useState<TenantUserView | null>(null);
  const [confirming, setConfirming] = useState<{ user: TenantUserView; action: "disable" | "remove" } | null>(null);
  const list = useQuery(
    trpc.users.tenant.list.queryOptions({ domainId, page, pageSize: PAGE_SIZE, search: filters.search || undefined }),
  );
  const reset = useMutation(trpc.users.tenant.resetPassword.mutationOptions());
  const setDisabled = useToastMutation(trpc.users.tenant.setDisabled.mutationOptions(), {
    success: (user) => `${user.email} ${user.disabled ? "disabled" : "enabled"}`,
    onDone: () => setConfirming(null),
    invalidate: [trpc.users.tenant.list.queryKey()],
  });
  const remove = useToastMutation(trpc.users.tenant.remove.mutationOptions(), {
    success: () => "Access removed",
    onDone: () => setConfirming(null),
    invalidate: [trpc.users.tenant.list.queryKey()],
  });

  const code = list.error?.data?.code;
  if (isAccessDenied(code)) return <AccessNotice code={code} audience="tenant" />;

  return (
    <>
      <PageHeader
        title="Users"
        description="Who may sign in to this domain: administrators, and end users who manage their own phone."
        actions={<Button onClick={() => setCreating(true)}>New user</Button>}
      />
      <ListFilters>
        <FilterInput
          label="Search users"
          placeholder="Search email or name"
          value={filters.search}
          onChange={(v) => setFilter("search", v)}
        />
      </ListFilters>
      <DataTable
        noun="users"
        rows={list.data?.items}
        rowKey={(u) => u.id}
        loading={list.isPending}
        error={list.error?.message}
        empty={
          filters.search ? "No user matches that search." : "No users yet. Invite the people who use these phones."
        }
        pagination={list.data && { page, pageSize: PAGE_SIZE, total: list.data.total, onPage: setPage }}
        columns={[
          userColumn(),
          {
            header: "Role",
            cell: (u) => (
              <>
                {ROLE_LABELS[u.role]}
                {u.extension && <span className="ml-1 font-mono text-xs">· {u.extension.number}</span>}
              </>
            ),
          },
          userStatusColumn(),
        ]}
        actions={(u) => (
          <>
            <Button size="sm" variant="secondary" onClick={() => setEditing(u)} aria-label={`Edit ${u.email}`}>
              Edit
            </Button>
            {/* A login shared with other domains is the provider's to reset or disable. */}
            {!u.shared && (
              <AccountButtons
                user={u}
                enabling={setDisabled.isPending}
                onResetPassword={() => setResetting(u)}
                onEnable={() => setDisabled.mutate({ domainId, id: u.id, disabled: false })}
                onDisable={() => setConfirming({ user: u, action: "disable" })}
              />
            )}
            <Button
              size="sm"
              variant="ghost"
              onClick={() => setConfirming({ user: u, action: "remove" })}
              aria-label={`Remove ${u.email}`}
            >
              Remove
            </Button>
          </>
        )}
      />
      <CreateTenantUserDialog open={creating} domainId={domainId} onClose={() => setCreating(false)} />
      <EditTenantUserDialog user={editing} domainId={domainId} onClose={() => setEditing(null)} />
      <ResetPasswordDialog
        user={resetting}
        onClose={() => setResetting(null)}
        busy={reset.isPending}
        onReset={async (values) => {
          await reset.mutateAsync({ ...values, domainId });
          toast.success("Password changed");
        }}
        onError={(message) => toast.error(message)}
      />
      <ConfirmDialog
        open={confirming !== null}
        onOpenChange={(o) => !o && setConfirming(null)}
        title={
          confirming?.action === "remove"
            ? `Remove ${confirming.user.email}?`
            : `Disable ${confirming?.user.email ?? ""}?`
        }
        confirmLabel={confirming?.action === "remove" ? "Remove" : "Disable"}
        busy={setDisabled.isPending || remove.isPending}
        onConfirm={() => {
          if (!confirming) return;
          if (confirming.action === "remove") remove.mutate({ domainId, id: confirming.user.id });
          else setDisabled.mutate({ domainId, id: confirming.user.id, disabled: true });
        }}
      >
        {confirming?.action === "remove"
          ? "They lose access to this domain at once. Their phone (extension) is not touched."
          : "They cannot sign in until you enable them again."}
      </ConfirmDialog>
    </>
  );
}
