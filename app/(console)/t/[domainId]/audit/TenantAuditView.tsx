"use client";

import { useQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { AccessNotice } from "@/app/(console)/admin/_components/AccessNotice";
import { AuditDiff } from "@/app/(console)/admin/audit/AuditDiff";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { PageHeader } from "@/components/ui/PageHeader";
import { Pagination } from "@/components/ui/Pagination";
import { EmptyRow, TableCard, Td, Th } from "@/components/ui/Table";

const PAGE_SIZE = 50;
const NO_FILTERS = { actor: "", action: "", entityType: "", from: "", to: "" };

/** A tenant admin's view of the changes made in their own domain (the server scopes the rows). */
export function TenantAuditView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState(NO_FILTERS);
  const [page, setPage] = useState(1);
  const [expanded, setExpanded] = useState<string | null>(null);
  const entityTypes = useQuery(trpc.audit.tenant.entityTypes.queryOptions({ domainId }));
  const list = useQuery(trpc.audit.tenant.list.queryOptions({ domainId, page, pageSize: PAGE_SIZE, ...filters }));
  const set = (key: keyof typeof NO_FILTERS) => (e: { target: { value: string } }) => {
    setFilters((f) => ({ ...f, [key]: e.target.value }));
    setPage(1);
  };

  if (list.error?.data?.code === "NOT_FOUND" || list.error?.data?.code === "FORBIDDEN") {
    return <AccessNotice code="NOT_FOUND" />;
  }
  const filtered = Object.values(filters).some(Boolean);

  return (
    <>
      <PageHeader title="Audit log" description="Every change made in this tenant: who made it, from where, and what changed." />
      <div className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <input className={inputClass} placeholder="Actor" aria-label="Actor" value={filters.actor} onChange={set("actor")} />
        <input
          className={inputClass}
          placeholder="Action, e.g. extension."
          aria-label="Action"
          value={filters.action}
          onChange={set("action")}
        />
        <select className={inputClass} aria-label="Entity type" value={filters.entityType} onChange={set("entityType")}>
          <option value="">Any entity</option>
          {entityTypes.data?.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <label className="flex items-center gap-2 text-sm text-slate-600">
          From
          <input className={`${inputClass} min-w-0`} type="date" value={filters.from} onChange={set("from")} />
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-600">
          To
          <input className={`${inputClass} min-w-0`} type="date" value={filters.to} onChange={set("to")} />
        </label>
      </div>
      {filtered && (
        <div className="mb-3">
          <Button size="sm" variant="ghost" onClick={() => setFilters(NO_FILTERS)}>
            Clear filters
          </Button>
        </div>
      )}
      <TableCard
        footer={list.data && <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />}
      >
        <thead>
          <tr>
            <Th>When</Th>
            <Th>Actor</Th>
            <Th>Action</Th>
            <Th>Entity</Th>
            {/* Visible, not sr-only: an absolute sr-only span escapes the table's scroll box and widens the page on phones. */}
            <Th>Details</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.isPending && <EmptyRow colSpan={5}>Loading the audit log…</EmptyRow>}
          {list.isError && <EmptyRow colSpan={5}>Could not load the audit log: {list.error.message}</EmptyRow>}
          {list.data?.items.length === 0 && (
            <EmptyRow colSpan={5}>
              {filtered
                ? "Nothing matches these filters. Widen the date range or clear a filter."
                : "No changes yet. Changes to extensions, ring groups, menus, numbers and users appear here."}
            </EmptyRow>
          )}
          {list.data?.items.map((row) => {
            const id = row.id.toString();
            const open = expanded === id;
            return (
              <Fragment key={id}>
                <tr className="hover:bg-slate-50">
                  <Td className="text-xs text-slate-500">{row.createdAt.toLocaleString()}</Td>
                  <Td>
                    {row.actorLabel}
                    {row.ip && <span className="block text-xs text-slate-400">{row.ip}</span>}
                  </Td>
                  <Td className="font-mono text-xs">{row.action}</Td>
                  <Td className="text-xs">{row.entityType}</Td>
                  <Td>
                    <Button size="sm" variant="ghost" aria-expanded={open} onClick={() => setExpanded(open ? null : id)}>
                      {open ? "Hide" : "Changes"}
                    </Button>
                  </Td>
                </tr>
                {open && (
                  <tr>
                    <td colSpan={5} className="bg-slate-50 px-4 py-3">
                      <AuditDiff before={row.before} after={row.after} />
                      {row.entityId && <p className="mt-2 text-xs text-slate-400">Entity id {row.entityId}</p>}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </TableCard>
    </>
  );
}
