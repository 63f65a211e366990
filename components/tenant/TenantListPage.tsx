"use client";

import { useQuery, type QueryKey, type UseMutationOptions, type UseQueryOptions } from "@tanstack/react-query";
import type { TRPCClientErrorLike } from "@trpc/client";
import type { TRPCQueryKey } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import { ConfirmDialog } from "@/components/forms/ConfirmDialog";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { AccessNotice, isAccessDenied } from "@/components/ui/AccessNotice";
import { Button } from "@/components/ui/Button";
import { DataTable, type Column } from "@/components/ui/DataTable";
import { EditDeleteButtons } from "@/components/ui/EditDeleteButtons";
import { FilterInput, ListFilters } from "@/components/ui/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { useListFilters } from "@/components/ui/useListFilters";
import type { AppRouter } from "@/server/api/root";
import type { Page } from "@/server/shared/pagination";

const PAGE_SIZE = 25;

type ListInput = { domainId: string; page: number; pageSize: number; search?: string };
type ApiError = TRPCClientErrorLike<AppRouter>;

/** The two procedures a tenant list page calls, e.g. `tenantListProcedures(trpc.callQueues)`. */
export type TenantListProcedures<T> = {
  listOptions: (input: ListInput) => UseQueryOptions<Page<T>, ApiError, Page<T>, TRPCQueryKey>;
  listKey: QueryKey;
  deleteOptions: UseMutationOptions<void, ApiError, { domainId: string; id: string }>;
};

type Props<T extends { id: string }> = {
  domainId: string;
  procedures: TenantListProcedures<T>;
  title: string;
  description: ReactNode;
  /** Singular, lower case: "call queue" → "New call queue", "Delete call queue 800?". */
  noun: string;
  searchPlaceholder: string;
  empty: { none: string; noMatch: string };
  columns: Column<T>[];
  /** How a row is named in buttons, toasts and the delete dialog, e.g. its number. */
  nameOf: (row: T) => string;
  /** What deleting means for callers. */
  deleteWarning: (row: T) => ReactNode;
  /** The create/edit dialog: "new", a row, or null (closed). */
  dialog: (editing: T | "new" | null, close: () => void) => ReactNode;
  /** Anything the page shows under the list (e.g. a related panel). */
  children?: ReactNode;
};

/**
 * The page every numbered tenant feature has (ring groups, conference rooms, call queues…):
 * a header with "New", a search, the paged list with edit and delete, a create/edit dialog
 * and a delete confirmation. Access is enforced by the server; this only renders its answer.
 */
export function TenantListPage<T extends { id: string }>({
  domainId,
  procedures,
  title,
  description,
  noun,
  searchPlaceholder,
  empty,
  columns,
  nameOf,
  deleteWarning,
  dialog,
  children,
}: Props<T>) {
  const { filters, setFilter, page, setPage } = useListFilters({ search: "" });
  const [editing, setEditing] = useState<T | "new" | null>(null);
  const [deleting, setDeleting] = useState<T | null>(null);
  const list = useQuery(
    procedures.listOptions({ domainId, page, pageSize: PAGE_SIZE, search: filters.search || undefined }),
  );
  const remove = useToastMutation(procedures.deleteOptions, {
    success: () => `${capitalised(noun)} ${deleting ? nameOf(deleting) : ""} deleted`,
    onDone: () => setDeleting(null),
    invalidate: [procedures.listKey],
  });

  const code = list.error?.data?.code;
  if (isAccessDenied(code)) return <AccessNotice code={code} audience="tenant" />;

  return (
    <>
      <PageHeader
        title={title}
        description={description}
        actions={<Button onClick={() => setEditing("new")}>New {noun}</Button>}
      />
      <ListFilters>
        <FilterInput
          label={`Search ${title.toLowerCase()}`}
          placeholder={searchPlaceholder}
          value={filters.search}
          onChange={(v) => setFilter("search", v)}
        />
      </ListFilters>
      <DataTable
        noun={title.toLowerCase()}
        rows={list.data?.items}
        rowKey={(r) => r.id}
        loading={list.isPending}
        error={list.error?.message}
        empty={filters.search ? empty.noMatch : empty.none}
        pagination={list.data && { page, pageSize: PAGE_SIZE, total: list.data.total, onPage: setPage }}
        columns={columns}
        actions={(r) => (
          <EditDeleteButtons
            name={`${noun} ${nameOf(r)}`}
            onEdit={() => setEditing(r)}
            onDelete={() => setDeleting(r)}
          />
        )}
      />
      {children}
      {dialog(editing, () => setEditing(null))}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete ${noun} ${deleting ? nameOf(deleting) : ""}?`}
        confirmLabel={`Delete ${noun}`}
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ domainId, id: deleting.id })}
      >
        {deleting && deleteWarning(deleting)}
      </ConfirmDialog>
    </>
  );
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
