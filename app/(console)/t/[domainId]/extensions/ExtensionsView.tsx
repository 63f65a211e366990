"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice, isAccessDenied } from "@/components/ui/AccessNotice";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { DataTable } from "@/components/ui/DataTable";
import { inputClass } from "@/components/ui/FieldShell";
import { FilterInput, ListFilters } from "@/components/ui/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { useListFilters } from "@/components/ui/useListFilters";
import { CreateExtensionDialog } from "./CreateExtensionDialog";
import { downloadFile } from "./downloadFile";
import { ImportCsvDialog } from "./ImportCsvDialog";

type Sort = "number" | "displayName" | "updatedAt";

const PAGE_SIZE = 50;

export function ExtensionsView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const { filters, setFilter, page, setPage } = useListFilters<{ search: string; sort: Sort }>({
    search: "",
    sort: "number",
  });
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const exportCsv = useMutation(
    trpc.extensions.exportCsv.mutationOptions({
      onSuccess: ({ filename, csv }) => downloadFile(filename, csv),
      onError: (error) => toast.error(error.message),
    }),
  );
  const list = useQuery(
    trpc.extensions.list.queryOptions({
      domainId,
      page,
      pageSize: PAGE_SIZE,
      search: filters.search || undefined,
      sort: filters.sort,
    }),
  );

  const code = list.error?.data?.code;
  if (isAccessDenied(code)) return <AccessNotice code={code} audience="tenant" />;

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
      <ListFilters>
        <FilterInput
          label="Search extensions"
          placeholder="Search number or name"
          value={filters.search}
          onChange={(v) => setFilter("search", v)}
        />
        {/* A sort order, not a filter: it has no "any" choice, so not a FilterSelect. */}
        <select
          className={`${inputClass} max-w-44`}
          aria-label="Sort by"
          value={filters.sort}
          onChange={(e) => setFilter("sort", e.target.value as Sort)}
        >
          <option value="number">Sort by number</option>
          <option value="displayName">Sort by name</option>
          <option value="updatedAt">Recently changed</option>
        </select>
      </ListFilters>
      <DataTable
        noun="extensions"
        rows={list.data?.items}
        rowKey={(e) => e.id}
        loading={list.isPending}
        error={list.error?.message}
        empty={filters.search ? "No extension matches that search." : "No extensions yet. Create one or import a CSV."}
        pagination={list.data && { page, pageSize: PAGE_SIZE, total: list.data.total, onPage: setPage }}
        columns={[
          {
            header: "Number",
            className: "font-mono font-medium",
            cell: (e) => (
              <Link
                href={`/t/${domainId}/extensions/${e.id}`}
                className="text-brand-700 hover:underline"
                aria-label={`Edit extension ${e.number}`}
              >
                {e.number}
              </Link>
            ),
          },
          { header: "Name", cell: (e) => e.displayName },
          { header: "Voicemail", cell: (e) => (e.voicemailEnabled ? "On" : "Off") },
          {
            header: "Forwarding",
            cell: (e) =>
              e.dnd ? (
                <Badge tone="amber">Do not disturb</Badge>
              ) : e.forwardAlwaysEnabled ? (
                <Badge tone="blue">→ {e.forwardAlwaysTarget}</Badge>
              ) : (
                "—"
              ),
          },
          {
            header: "Status",
            cell: (e) => <Badge tone={e.enabled ? "green" : "slate"}>{e.enabled ? "Enabled" : "Disabled"}</Badge>,
          },
        ]}
      />
      <CreateExtensionDialog domainId={domainId} open={creating} onOpenChange={setCreating} />
      <ImportCsvDialog domainId={domainId} open={importing} onOpenChange={setImporting} />
    </>
  );
}
