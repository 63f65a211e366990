"use client";

import { useQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { PageHeader } from "@/components/ui/PageHeader";
import { Pagination } from "@/components/ui/Pagination";
import { EmptyRow, TableCard, Td, Th } from "@/components/ui/Table";
import { AccessNotice } from "../_components/AccessNotice";
import { AuditDiff } from "./AuditDiff";

const PAGE_SIZE = 50;
const NO_FILTERS = { domainId: "", actor: "", action: "", entityType: "", from: "", to: "" };

export function AuditView() {
  const trpc = useTRPC();
  const [filters, setFilters] = useState(NO_FILTERS);
  const [page, setPage] = useState(1);
  const [expanded, setExpanded] = useState<string | null>(null);
  const tenants = useQuery(trpc.domains.list.queryOptions({ pageSize: 200 }));
  const entityTypes = useQuery(trpc.audit.entityTypes.queryOptions());
  const list = useQuery(
    trpc.audit.list.queryOptions({
      page,
      pageSize: PAGE_SIZE,
      domainId: filters.domainId || undefined,
      actor: filters.actor,
      action: filters.action,
      entityType: filters.entityType,
      from: filters.from,
      to: filters.to,
    }),
  );
  const set = (key: keyof typeof NO_FILTERS) => (e: { target: { value: string } }) => {
    setFilters((f) => ({ ...f, [key]: e.target.value }));
    setPage(1);
  };

  if (list.error?.data?.code === "FORBIDDEN") return <AccessNotice code="FORBIDDEN" />;
  const filtered = Object.values(filters).some(Boolean);

  return (
    <>
      <PageHeader title="Audit log" description="Every change, who made it, from where, and what it changed." />
      <div className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-6">
        <select className={inputClass} aria-label="Tenant" value={filters.domainId} onChange={set("domainId")}>
          <option value="">All tenants</option>
          {tenants.data?.items.map((d) => (
            <option key={d.id} value={d.id}>
              {d.displayName}
            </option>
          ))}
        </select>
        <input
          className={inputClass}
          placeholder="Actor"
          aria-label="Actor"
          value={filters.actor}
          onChange={set("actor")}
        />
        <input
          className={inputClass}
          placeholder="Action, e.g. number."
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
        <input className={inputClass} type="date" aria-label="From date" value={filters.from} onChange={set("from")} />
        <input className={inputClass} type="date" aria-label="To date" value={filters.to} onChange={set("to")} />
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
            <Th>Tenant</Th>
            <Th>Entity</Th>
            <Th>
              <span className="sr-only">Details</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.isPending && <EmptyRow colSpan={6}>Loading the audit log…</EmptyRow>}
          {list.isError && <EmptyRow colSpan={6}>Could not load the audit log: {list.error.message}</EmptyRow>}
          {list.data?.items.length === 0 && (
            <EmptyRow colSpan={6}>
              {filtered
                ? "Nothing matches these filters. Widen the date range or clear a filter."
                : "Nothing has happened yet."}
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
                  <Td>{row.domain?.name ?? "—"}</Td>
                  <Td className="text-xs">{row.entityType}</Td>
                  <Td>
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-expanded={open}
                      onClick={() => setExpanded(open ? null : id)}
                    >
                      {open ? "Hide" : "Changes"}
                    </Button>
                  </Td>
                </tr>
                {open && (
                  <tr>
                    <td colSpan={6} className="bg-slate-50 px-4 py-3">
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
