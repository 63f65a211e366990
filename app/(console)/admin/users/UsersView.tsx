"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/forms/ConfirmDialog";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice } from "@/components/ui/AccessNotice";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { AccountButtons, userColumn, userStatusColumn } from "@/components/users/userColumns";
import { DataTable } from "@/components/ui/DataTable";
import { FilterInput, FilterSelect, ListFilters } from "@/components/ui/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { useListFilters } from "@/components/ui/useListFilters";
import type { UserView } from "@/server/users/service";
import { CreateUserDialog } from "./CreateUserDialog";
import { ResetPasswordDialog } from "./ResetPasswordDialog";
import { RolesDialog } from "./RolesDialog";
import { ROLE_LABELS } from "./roleLabels";

const PAGE_SIZE = 25;
type RoleFilter = "" | keyof typeof ROLE_LABELS;

export function UsersView() {
  const trpc = useTRPC();
  const { filters, setFilter, page, setPage } = useListFilters<{ search: string; role: RoleFilter }>({
    search: "",
    role: "",
  });
  const [creating, setCreating] = useState(false);
  const [editingRoles, setEditingRoles] = useState<UserView | null>(null);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const [disabling, setDisabling] = useState<UserView | null>(null);
  const list = useQuery(
    trpc.users.platform.list.queryOptions({
      page,
      pageSize: PAGE_SIZE,
      search: filters.search || undefined,
      role: filters.role || undefined,
    }),
  );
  const setDisabled = useToastMutation(trpc.users.platform.setDisabled.mutationOptions(), {
    success: (user) => `${user.email} ${user.disabled ? "disabled" : "enabled"}`,
    onDone: () => setDisabling(null),
    invalidate: [trpc.users.platform.list.queryKey()],
  });
  const reset = useMutation(trpc.users.platform.resetPassword.mutationOptions());

  if (list.error) return <AccessNotice code={list.error.data?.code} />;

  return (
    <>
      <PageHeader
        title="Users & roles"
        description="Every portal login on the platform and what each may do."
        actions={<Button onClick={() => setCreating(true)}>New user</Button>}
      />
      <ListFilters>
        <FilterInput
          label="Search users"
          placeholder="Search email or name"
          value={filters.search}
          onChange={(v) => setFilter("search", v)}
        />
        <FilterSelect
          label="Role"
          anyLabel="Any role"
          value={filters.role}
          onChange={(v) => setFilter("role", v as RoleFilter)}
          options={Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }))}
        />
      </ListFilters>
      <DataTable
        noun="users"
        rows={list.data?.items}
        rowKey={(u) => u.id}
        loading={list.isPending}
        empty="No user matches these filters."
        pagination={list.data && { page, pageSize: PAGE_SIZE, total: list.data.total, onPage: setPage }}
        columns={[
          userColumn(),
          {
            header: "Roles",
            cell: (u) => (
              <div className="flex flex-wrap gap-1">
                {u.memberships.length === 0 && <Badge tone="amber">No access</Badge>}
                {u.memberships.map((m) => (
                  <Badge key={m.id} tone={m.role === "PLATFORM_ADMIN" ? "blue" : "slate"}>
                    {ROLE_LABELS[m.role]}
                    {m.domain && ` · ${m.domain.name}`}
                    {m.extension && ` · ${m.extension.number}`}
                  </Badge>
                ))}
              </div>
            ),
          },
          userStatusColumn(),
        ]}
        actions={(u) => (
          <>
            <Button size="sm" variant="secondary" onClick={() => setEditingRoles(u)} aria-label={`Roles of ${u.email}`}>
              Roles
            </Button>
            <AccountButtons
              user={u}
              enabling={setDisabled.isPending}
              onResetPassword={() => setResetting(u)}
              onEnable={() => setDisabled.mutate({ id: u.id, disabled: false })}
              onDisable={() => setDisabling(u)}
            />
          </>
        )}
      />
      <CreateUserDialog open={creating} onOpenChange={setCreating} />
      <RolesDialog user={editingRoles} onClose={() => setEditingRoles(null)} />
      <ResetPasswordDialog
        user={resetting}
        onClose={() => setResetting(null)}
        busy={reset.isPending}
        onReset={async (values) => {
          await reset.mutateAsync(values);
          toast.success("Password changed");
        }}
        onError={(message) => toast.error(message)}
      />
      <ConfirmDialog
        open={disabling !== null}
        onOpenChange={(o) => !o && setDisabling(null)}
        title={`Disable ${disabling?.email ?? ""}?`}
        confirmLabel="Disable"
        busy={setDisabled.isPending}
        onConfirm={() => disabling && setDisabled.mutate({ id: disabling.id, disabled: true })}
      >
        They are signed out on their next request and cannot sign in until enabled again.
      </ConfirmDialog>
    </>
  );
}
