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
import { DESTINATION_LABELS } from "@/server/shared/destination";
import { AccessNotice } from "../_components/AccessNotice";
import { ConfirmDialog } from "../_components/ConfirmDialog";
import { AddRangeDialog } from "./AddRangeDialog";
import { AssignDialog } from "./AssignDialog";

const PAGE_SIZE = 50;
type Status = "" | "assigned" | "unassigned";

export function NumbersView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<Status>("");
  const [domainId, setDomainId] = useState("");
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<"add" | "assign" | "unassign" | "delete" | null>(null);
  const tenants = useQuery(trpc.domains.list.queryOptions({ pageSize: 200 }));
  const list = useQuery(
    trpc.numbers.list.queryOptions({
      page,
      pageSize: PAGE_SIZE,
      search: search || undefined,
      status: status || undefined,
      domainId: domainId || undefined,
    }),
  );
  const done = async (message: string) => {
    toast.success(message);
    setSelected(new Set());
    setDialog(null);
    await queryClient.invalidateQueries({ queryKey: trpc.numbers.list.queryKey() });
  };
  const unassign = useMutation(
    trpc.numbers.unassign.mutationOptions({
      onSuccess: (n) => done(`${n} number(s) unassigned`),
      onError: (e) => toast.error(e.message),
    }),
  );
  const remove = useMutation(
    trpc.numbers.delete.mutationOptions({
      onSuccess: (n) => done(`${n} number(s) deleted`),
      onError: (e) => toast.error(e.message),
    }),
  );

  if (list.error) return <AccessNotice code={list.error.data?.code} />;

  const filtersChanged = () => {
    setPage(1);
    setSelected(new Set());
  };
  const items = list.data?.items ?? [];
  const allOnPage = items.length > 0 && items.every((n) => selected.has(n.id));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const ids = [...selected];

  return (
    <>
      <PageHeader
        title="Phone numbers"
        description="DIDs owned by the platform. Assign them to tenants; tenant admins choose where they ring."
        actions={<Button onClick={() => setDialog("add")}>Add numbers</Button>}
      />
      <div className="mb-4 flex flex-wrap gap-3">
        <input
          className={`${inputClass} max-w-xs`}
          placeholder="Search number or description"
          aria-label="Search numbers"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            filtersChanged();
          }}
        />
        <div className="w-full sm:w-48">
          <select
            className={inputClass}
            aria-label="Assignment"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as Status);
              filtersChanged();
            }}
          >
            <option value="">All numbers</option>
            <option value="assigned">Assigned</option>
            <option value="unassigned">Unassigned</option>
          </select>
        </div>
        <div className="w-full sm:w-56">
          <select
            className={inputClass}
            aria-label="Tenant"
            value={domainId}
            onChange={(e) => {
              setDomainId(e.target.value);
              filtersChanged();
            }}
          >
            <option value="">Any tenant</option>
            {tenants.data?.items.map((d) => (
              <option key={d.id} value={d.id}>
                {d.displayName}
              </option>
            ))}
          </select>
        </div>
      </div>
      {selected.size > 0 && (
        <div
          className="mb-3 flex flex-wrap items-center gap-2 rounded-lg bg-brand-50 px-4 py-2 text-sm"
          role="region"
          aria-label="Selection"
        >
          <span className="font-medium text-brand-700">{selected.size} selected</span>
          <Button size="sm" onClick={() => setDialog("assign")}>
            Assign to tenant
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setDialog("unassign")}>
            Unassign
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setDialog("delete")}>
            Delete
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
            Clear
          </Button>
        </div>
      )}
      <TableCard
        footer={list.data && <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />}
      >
        <thead>
          <tr>
            <Th>
              <input
                type="checkbox"
                aria-label="Select all on this page"
                checked={allOnPage}
                onChange={() => setSelected(allOnPage ? new Set() : new Set(items.map((n) => n.id)))}
              />
            </Th>
            <Th>Number</Th>
            <Th>Tenant</Th>
            <Th>Rings</Th>
            <Th>Description</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.isPending && <EmptyRow colSpan={5}>Loading numbers…</EmptyRow>}
          {list.data?.items.length === 0 && (
            <EmptyRow colSpan={5}>
              {search || status || domainId
                ? "No number matches these filters."
                : "No numbers yet. Add the DIDs your carrier gave you."}
            </EmptyRow>
          )}
          {items.map((n) => (
            <tr key={n.id} className="hover:bg-slate-50">
              <Td>
                <input
                  type="checkbox"
                  aria-label={`Select ${n.e164}`}
                  checked={selected.has(n.id)}
                  onChange={() => toggle(n.id)}
                />
              </Td>
              <Td className="font-mono font-medium">{n.e164}</Td>
              <Td>{n.domain ? n.domain.displayName : <Badge>Unassigned</Badge>}</Td>
              <Td>
                {n.destType ? (
                  `${DESTINATION_LABELS[n.destType]} ${n.destTarget ?? ""}`
                ) : n.domain ? (
                  <Badge tone="amber">Not set</Badge>
                ) : (
                  "—"
                )}
              </Td>
              <Td className="text-slate-500">{n.description ?? ""}</Td>
            </tr>
          ))}
        </tbody>
      </TableCard>
      <AddRangeDialog open={dialog === "add"} onOpenChange={(o) => setDialog(o ? "add" : null)} />
      <AssignDialog
        ids={ids}
        open={dialog === "assign"}
        onOpenChange={(o) => setDialog(o ? "assign" : null)}
        onDone={() => setSelected(new Set())}
      />
      <ConfirmDialog
        open={dialog === "unassign"}
        onOpenChange={(o) => setDialog(o ? "unassign" : null)}
        title={`Unassign ${selected.size} number(s)?`}
        confirmLabel="Unassign"
        busy={unassign.isPending}
        onConfirm={() => unassign.mutate({ ids })}
      >
        Calls to these numbers stop reaching their tenants at once, and their destinations are cleared.
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "delete"}
        onOpenChange={(o) => setDialog(o ? "delete" : null)}
        title={`Delete ${selected.size} number(s)?`}
        confirmLabel="Delete"
        busy={remove.isPending}
        onConfirm={() => remove.mutate({ ids })}
      >
        Only unassigned numbers can be deleted.
      </ConfirmDialog>
    </>
  );
}
