"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { PageHeader } from "@/components/ui/PageHeader";
import { Pagination } from "@/components/ui/Pagination";
import { EmptyRow, TableCard, Td, Th } from "@/components/ui/Table";
import type { NumberView } from "@/server/numbers/service";
import { DESTINATION_LABELS } from "@/server/shared/destination";
import { AccessNotice } from "@/app/(console)/admin/_components/AccessNotice";
import { DestinationDialog } from "./DestinationDialog";

const PAGE_SIZE = 50;

export function TenantNumbersView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<NumberView | null>(null);
  const list = useQuery(
    trpc.numbers.listMine.queryOptions({ domainId, page, pageSize: PAGE_SIZE, search: search || undefined }),
  );

  if (list.error) return <AccessNotice code={list.error.data?.code} />;

  return (
    <>
      <PageHeader
        title="Phone numbers"
        description="Your public numbers and where each one rings. Ask your provider for more numbers."
      />
      <div className="mb-4 max-w-sm">
        <input
          className={inputClass}
          placeholder="Search number"
          aria-label="Search numbers"
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
            <Th>Number</Th>
            <Th>Rings</Th>
            <Th>Description</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.isPending && <EmptyRow colSpan={4}>Loading numbers…</EmptyRow>}
          {list.data?.items.length === 0 && (
            <EmptyRow colSpan={4}>
              {search ? "No number matches that search." : "No numbers yet. Your provider assigns them to you."}
            </EmptyRow>
          )}
          {list.data?.items.map((n) => (
            <tr key={n.id} className="hover:bg-slate-50">
              <Td className="font-mono font-medium">{n.e164}</Td>
              <Td>
                {n.destType ? (
                  `${DESTINATION_LABELS[n.destType]} ${n.destTarget ?? ""}`
                ) : (
                  <Badge tone="amber">Not set: calls are rejected</Badge>
                )}
              </Td>
              <Td className="text-slate-500">{n.description ?? ""}</Td>
              <Td className="text-right">
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() => setEditing(n)}
                  aria-label={`Set destination of ${n.e164}`}
                >
                  Set destination
                </Button>
              </Td>
            </tr>
          ))}
        </tbody>
      </TableCard>
      <DestinationDialog domainId={domainId} number={editing} onClose={() => setEditing(null)} />
    </>
  );
}
