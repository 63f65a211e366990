"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { PageHeader } from "@/components/ui/PageHeader";
import { Pagination } from "@/components/ui/Pagination";
import { EmptyRow, TableCard, Td, Th } from "@/components/ui/Table";
import { CreateExtensionDialog } from "./CreateExtensionDialog";
import { downloadFile } from "./downloadFile";
import { ImportCsvDialog } from "./ImportCsvDialog";

type Sort = "number" | "displayName" | "updatedAt";

export function ExtensionsView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<Sort>("number");
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const exportCsv = useMutation(
    trpc.extensions.exportCsv.mutationOptions({
      onSuccess: ({ filename, csv }) => downloadFile(filename, csv),
      onError: (error) => toast.error(error.message),
    }),
  );
  const list = useQuery(
    trpc.extensions.list.queryOptions({ domainId, page, pageSize: 50, search: search || undefined, sort }),
  );

  if (list.error?.data?.code === "NOT_FOUND") {
    return <PageHeader title="Not found" description="This tenant does not exist or you do not have access to it." />;
  }

  return (
    <>
      <PageHeader
        title="Extensions"
        description="Phones and softphones that register to this domain."
        actions={
          <>
            <Button variant="secondary" busy={exportCsv.isPending} onClick={() => exportCsv.mutate({ domainId })}>
              Export CSV
            </Button>
            <Button variant="secondary" onClick={() => setImporting(true)}>
              Import CSV
            </Button>
            <Button onClick={() => setCreating(true)}>New extension</Button>
          </>
        }
      />
      <div className="mb-4 flex flex-wrap gap-3">
        <input
          className={`${inputClass} max-w-xs`}
          placeholder="Search number or name"
          aria-label="Search extensions"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
        />
        <select
          className={`${inputClass} max-w-44`}
          aria-label="Sort by"
          value={sort}
          onChange={(e) => setSort(e.target.value as Sort)}
        >
          <option value="number">Sort by number</option>
          <option value="displayName">Sort by name</option>
          <option value="updatedAt">Recently changed</option>
        </select>
      </div>
      <TableCard
        footer={list.data && <Pagination page={page} pageSize={50} total={list.data.total} onPage={setPage} />}
      >
        <thead>
          <tr>
            <Th>Number</Th>
            <Th>Name</Th>
            <Th>Voicemail</Th>
            <Th>Forwarding</Th>
            <Th>Status</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.isPending && <EmptyRow colSpan={5}>Loading extensions…</EmptyRow>}
          {list.data?.items.length === 0 && (
            <EmptyRow colSpan={5}>
              {search ? "No extension matches that search." : "No extensions yet. Create one or import a CSV."}
            </EmptyRow>
          )}
          {list.data?.items.map((e) => (
            <tr key={e.id} className="hover:bg-slate-50">
              <Td className="font-mono font-medium">
                <Link
                  href={`/t/${domainId}/extensions/${e.id}`}
                  className="text-brand-700 hover:underline"
                  aria-label={`Edit extension ${e.number}`}
                >
                  {e.number}
                </Link>
              </Td>
              <Td>{e.displayName}</Td>
              <Td>{e.voicemailEnabled ? "On" : "Off"}</Td>
              <Td>
                {e.dnd ? (
                  <Badge tone="amber">Do not disturb</Badge>
                ) : e.forwardAlwaysEnabled ? (
                  <Badge tone="blue">→ {e.forwardAlwaysTarget}</Badge>
                ) : (
                  "—"
                )}
              </Td>
              <Td>
                <Badge tone={e.enabled ? "green" : "slate"}>{e.enabled ? "Enabled" : "Disabled"}</Badge>
              </Td>
            </tr>
          ))}
        </tbody>
      </TableCard>
      <CreateExtensionDialog domainId={domainId} open={creating} onOpenChange={setCreating} />
      <ImportCsvDialog domainId={domainId} open={importing} onOpenChange={setImporting} />
    </>
  );
}
