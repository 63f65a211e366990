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
import type { UserView } from "@/server/users/service";
import { AccessNotice } from "../_components/AccessNotice";
import { ConfirmDialog } from "../_components/ConfirmDialog";
import { CreateUserDialog } from "./CreateUserDialog";
import { ResetPasswordDialog } from "./ResetPasswordDialog";
import { RolesDialog } from "./RolesDialog";
import { ROLE_LABELS } from "./roleLabels";

const PAGE_SIZE = 25;
type RoleFilter = "" | keyof typeof ROLE_LABELS;

export function UsersView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [role, setRole] = useState<RoleFilter>("");
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [editingRoles, setEditingRoles] = useState<UserView | null>(null);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const [disabling, setDisabling] = useState<UserView | null>(null);
  const list = useQuery(
    trpc.users.platform.list.queryOptions({
      page,
      pageSize: PAGE_SIZE,
      search: search || undefined,
      role: role || undefined,
    }),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.platform.list.queryKey() });
  const setDisabled = useMutation(
    trpc.users.platform.setDisabled.mutationOptions({
      onSuccess: async (user) => {
        toast.success(`${user.email} ${user.disabled ? "disabled" : "enabled"}`);
        setDisabling(null);
        await refresh();
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  const reset = useMutation(trpc.users.platform.resetPassword.mutationOptions());

  if (list.error) return <AccessNotice code={list.error.data?.code} />;

  return (
    <>
      <PageHeader
        title="Users & roles"
        description="Every portal login on the platform and what each may do."
        actions={<Button onClick={() => setCreating(true)}>New user</Button>}
      />
      <div className="mb-4 flex flex-wrap gap-3">
        <input
          className={`${inputClass} max-w-xs`}
          placeholder="Search email or name"
          aria-label="Search users"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
        />
        <div className="w-full sm:w-48">
          <select
            className={inputClass}
            aria-label="Role"
            value={role}
            onChange={(e) => {
              setRole(e.target.value as RoleFilter);
              setPage(1);
            }}
          >
            <option value="">Any role</option>
            {Object.entries(ROLE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <TableCard
        footer={list.data && <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />}
      >
        <thead>
          <tr>
            <Th>User</Th>
            <Th>Roles</Th>
            <Th>Status</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.isPending && <EmptyRow colSpan={4}>Loading users…</EmptyRow>}
          {list.data?.items.length === 0 && <EmptyRow colSpan={4}>No user matches these filters.</EmptyRow>}
          {list.data?.items.map((u) => (
            <tr key={u.id} className="hover:bg-slate-50">
              <Td>
                <span className="block font-medium text-slate-900">{u.email}</span>
                <span className="text-xs text-slate-500">{u.name}</span>
              </Td>
              <Td>
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
              </Td>
              <Td>
                <Badge tone={u.disabled ? "red" : "green"}>{u.disabled ? "Disabled" : "Active"}</Badge>
              </Td>
              <Td>
                <div className="flex justify-end gap-2">
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => setEditingRoles(u)}
                    aria-label={`Roles of ${u.email}`}
                  >
                    Roles
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => setResetting(u)}
                    aria-label={`Reset password of ${u.email}`}
                  >
                    Password
                  </Button>
                  {u.disabled ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      busy={setDisabled.isPending}
                      onClick={() => setDisabled.mutate({ id: u.id, disabled: false })}
                    >
                      Enable
                    </Button>
                  ) : (
                    <Button size="sm" variant="ghost" onClick={() => setDisabling(u)} aria-label={`Disable ${u.email}`}>
                      Disable
                    </Button>
                  )}
                </div>
              </Td>
            </tr>
          ))}
        </tbody>
      </TableCard>
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
