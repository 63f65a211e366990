"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import { inputClass } from "@/components/ui/Field";
import { PageHeader } from "@/components/ui/PageHeader";
import { OperationCard } from "./OperationCard";
import { openApiShape, type ApiDocument, type ApiOperation } from "./openApiShape";

const DOCUMENT_URL = "/api/v1/openapi.json";

async function fetchDocument(): Promise<ApiDocument> {
  const res = await fetch(DOCUMENT_URL);
  if (!res.ok) throw new Error(`${DOCUMENT_URL} answered ${res.status}`);
  return openApiShape.parse(await res.json());
}

function operationsByTag(doc: ApiDocument): [string, ApiOperation[]][] {
  const groups = new Map<string, ApiOperation[]>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const tag = operation.tags[0] ?? "Other";
      groups.set(tag, [...(groups.get(tag) ?? []), { ...operation, method, path }]);
    }
  }
  return [...groups.entries()];
}

export function ApiReferenceView() {
  const tokenId = useId();
  // Kept in memory only: a pasted token must not outlive the tab.
  const [token, setToken] = useState("");
  const [filter, setFilter] = useState("");
  const doc = useQuery({ queryKey: ["openapi", DOCUMENT_URL], queryFn: fetchDocument, staleTime: Infinity });
  const groups = useMemo(() => (doc.data ? operationsByTag(doc.data) : []), [doc.data]);
  const baseUrl = doc.data?.servers[0]?.url ?? "/api/v1";
  const needle = filter.trim().toLowerCase();
  const visible = groups
    .map(
      ([tag, ops]) =>
        [
          tag,
          ops.filter(
            (o) => !needle || `${o.method} ${o.path} ${o.summary ?? ""} ${tag}`.toLowerCase().includes(needle),
          ),
        ] as const,
    )
    .filter(([, ops]) => ops.length > 0);

  return (
    <>
      <PageHeader
        title="REST API reference"
        description={
          <>
            Version 1, generated from the same procedures the portal uses. Machine-readable:{" "}
            <a className="text-brand-700 hover:underline" href={DOCUMENT_URL}>
              openapi.json
            </a>
            . Create a token under API tokens.
          </>
        }
      />
      <div className="mb-6 grid gap-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 md:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor={tokenId} className="block text-sm font-medium text-slate-700">
            API token for “try it”
          </label>
          <input
            id={tokenId}
            type="password"
            autoComplete="off"
            className={`${inputClass} font-mono`}
            placeholder="sb_…"
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
          <p className="text-xs text-slate-500">
            Requests run for real, with this token&apos;s permissions, and are audited.
          </p>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${tokenId}-filter`} className="block text-sm font-medium text-slate-700">
            Find an operation
          </label>
          <input
            id={`${tokenId}-filter`}
            className={inputClass}
            placeholder="extensions, drain, POST…"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </div>
      </div>
      {doc.isPending && <p className="text-sm text-slate-500">Loading the API description…</p>}
      {doc.isError && (
        <p className="text-sm text-red-600" role="alert">
          Could not load the API description: {doc.error.message}
        </p>
      )}
      {doc.data && visible.length === 0 && <p className="text-sm text-slate-500">No operation matches “{filter}”.</p>}
      <div className="space-y-8">
        {visible.map(([tag, operations]) => (
          <section key={tag} aria-labelledby={`tag-${tag}`}>
            <h2 id={`tag-${tag}`} className="mb-3 text-lg font-semibold text-slate-900">
              {tag}
            </h2>
            <div className="space-y-2">
              {operations.map((operation) => (
                <OperationCard key={operation.operationId} operation={operation} baseUrl={baseUrl} token={token} />
              ))}
            </div>
          </section>
        ))}
      </div>
    </>
  );
}
