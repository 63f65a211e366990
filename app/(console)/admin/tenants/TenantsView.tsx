"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { PageHeader } from "@/components/ui/PageHeader";
import { Pagination } from "@/components/ui/Pagination";
import { EmptyRow, TableCard, Td, Th } from "@/components/ui/Table";
import { CreateTenantDialog } from "./CreateTenantDialog";

export function TenantsView() {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useQuery(trpc.domains.list.queryOptions({ page, pageSize: 25, search: search || undefined }));

  return (
    <>
      <PageHeader
        title="Tenants"
        description="Each tenant is one SIP domain with its own extensions, numbers and users."
        actions={<Button onClick={() => setCreating(true)}>New tenant</Button>}
      />
      <div className="mb-4 max-w-sm">
        <input
          className={inputClass}
          placeholder="Search by domain or name"
          aria-label="Search tenants"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
        />
      </div>
      <TableCard
        footer={list.data && <Pagination page={page} pageSize={25} total={list.data.total} onPage={setPage} />}
      >
        <thead>
          <tr>
            <Th>Domain</Th>
            <Th>Name</Th>
            <Th>Status</Th>
            <Th>Extensions</Th>
            <Th>Numbers</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.isPending && <EmptyRow colSpan={5}>Loading tenants…</EmptyRow>}
          {list.isError && <EmptyRow colSpan={5}>Could not load tenants: {list.error.message}</EmptyRow>}
          {list.data?.items.length === 0 && (
            <EmptyRow colSpan={5}>{search ? "No tenant matches that search." : "No tenants yet. Create the first one."}</EmptyRow>
          )}
          {list.data?.items.map((d) => (
            <tr key={d.id} className="hover:bg-slate-50">
              <Td>
                <Link href={`/admin/tenants/${d.id}`} className="font-medium text-brand-700 hover:underline">
                  {d.name}
                </Link>
              </Td>
              <Td>{d.displayName}</Td>
              <Td>
                <Badge tone={d.status === "ACTIVE" ? "green" : "amber"}>{d.status === "ACTIVE" ? "Active" : "Suspended"}</Badge>
              </Td>
              <Td>
                {d._count.extensions} / {d.maxExtensions}
              </Td>
              <Td>{d._count.phoneNumbers}</Td>
            </tr>
          ))}
        </tbody>
      </TableCard>
      <CreateTenantDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
