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
import type { TenantUserView } from "@/server/users/tenantService";
import { AccessNotice } from "@/app/(console)/admin/_components/AccessNotice";
import { ConfirmDialog } from "@/app/(console)/admin/_components/ConfirmDialog";
import { ResetPasswordDialog } from "@/app/(console)/admin/users/ResetPasswordDialog";
import { ROLE_LABELS } from "@/app/(console)/admin/users/roleLabels";
import { CreateTenantUserDialog, EditTenantUserDialog } from "./TenantUserDialog";

const PAGE_SIZE = 25;

export function TenantUsersView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<TenantUserView | null>(null);
  const [resetting, setResetting] = useState<TenantUserView | null>(null);
  const [confirming, setConfirming] = useState<{ user: TenantUserView; action: "disable" | "remove" } | null>(null);
  const list = useQuery(
    trpc.users.tenant.list.queryOptions({ domainId, page, pageSize: PAGE_SIZE, search: search || undefined }),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.tenant.list.queryKey() });
  const create = useMutation(trpc.users.tenant.create.mutationOptions());
  const update = useMutation(trpc.users.tenant.update.mutationOptions());
  const reset = useMutation(trpc.users.tenant.resetPassword.mutationOptions());
  const onError = { onError: (error: { message: string }) => toast.error(error.message) };
  const setDisabled = useMutation(
    trpc.users.tenant.setDisabled.mutationOptions({
      ...onError,
      onSuccess: async (user) => {
        toast.success(`${user.email} ${user.disabled ? "disabled" : "enabled"}`);
        setConfirming(null);
        await refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.users.tenant.remove.mutationOptions({
      ...onError,
      onSuccess: async () => {
        toast.success("Access removed");
        setConfirming(null);
        await refresh();
      },
    }),
  );

  if (list.error) return <AccessNotice code={list.error.data?.code} />;

  return (
    <>
      <PageHeader
        title="Users"
        description="Who may sign in to this domain: administrators, and end users who manage their own phone."
        actions={<Button onClick={() => setCreating(true)}>New user</Button>}
      />
      <div className="mb-4 max-w-sm">
        <input
          className={inputClass}
          placeholder="Search email or name"
          aria-label="Search users"
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
            <Th>User</Th>
            <Th>Role</Th>
            <Th>Status</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.isPending && <EmptyRow colSpan={4}>Loading users…</EmptyRow>}
          {list.data?.items.length === 0 && (
            <EmptyRow colSpan={4}>
              {search ? "No user matches that search." : "No users yet. Invite the people who use these phones."}
            </EmptyRow>
          )}
          {list.data?.items.map((u) => (
            <tr key={u.id} className="hover:bg-slate-50">
              <Td>
                <span className="block font-medium text-slate-900">{u.email}</span>
                <span className="text-xs text-slate-500">{u.name}</span>
              </Td>
              <Td>
                {ROLE_LABELS[u.role]}
                {u.extension && <span className="ml-1 font-mono text-xs">· {u.extension.number}</span>}
              </Td>
              <Td>
                <Badge tone={u.disabled ? "red" : "green"}>{u.disabled ? "Disabled" : "Active"}</Badge>
              </Td>
              <Td>
                <div className="flex justify-end gap-2">
                  <Button size="sm" variant="secondary" onClick={() => setEditing(u)} aria-label={`Edit ${u.email}`}>
                    Edit
                  </Button>
                  {!u.shared && (
                    <>
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
                          onClick={() => setDisabled.mutate({ domainId, id: u.id, disabled: false })}
                        >
                          Enable
                        </Button>
                      ) : (
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => setConfirming({ user: u, action: "disable" })}
                          aria-label={`Disable ${u.email}`}
                        >
                          Disable
                        </Button>
                      )}
                    </>
                  )}
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => setConfirming({ user: u, action: "remove" })}
                    aria-label={`Remove ${u.email}`}
                  >
                    Remove
                  </Button>
                </div>
              </Td>
            </tr>
          ))}
        </tbody>
      </TableCard>
      <CreateTenantUserDialog
        open={creating}
        domainId={domainId}
        busy={create.isPending}
        onClose={() => setCreating(false)}
        onSave={async (values) => {
          const user = await create.mutateAsync({ ...values, domainId });
          toast.success(`${user.email} can sign in now`);
          await refresh();
        }}
        onError={(message) => toast.error(message)}
      />
      <EditTenantUserDialog
        user={editing}
        domainId={domainId}
        busy={update.isPending}
        onClose={() => setEditing(null)}
        onSave={async (values) => {
          await update.mutateAsync({ ...values, domainId });
          toast.success("User saved");
          await refresh();
        }}
        onError={(message) => toast.error(message)}
      />
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
