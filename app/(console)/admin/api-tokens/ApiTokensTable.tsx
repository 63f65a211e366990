"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { DataTable, type Column } from "@/components/ui/DataTable";
import type { ApiTokenView } from "@/server/apiTokens/service";
import type { Page } from "@/server/shared/pagination";

type Props = {
  list: { data?: Page<ApiTokenView>; isPending: boolean; isError: boolean; error: { message: string } | null };
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  /** Platform view: show which tenant a token belongs to. */
  showScope: boolean;
  emptyText: string;
  revoke: (token: ApiTokenView) => Promise<unknown>;
};

function status(token: ApiTokenView): { label: string; tone: "green" | "amber" | "red" } {
  if (token.revokedAt) return { label: "Revoked", tone: "red" };
  if (token.expiresAt && new Date(token.expiresAt) <= new Date()) return { label: "Expired", tone: "amber" };
  return { label: "Active", tone: "green" };
}

// Short forms keep the table readable at laptop width.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

const NAME: Column<ApiTokenView> = {
  header: "Name",
  className: "font-medium text-slate-900",
  cell: (token) => (
    <>
      {token.name}
      {token.createdBy && <span className="block text-xs font-normal text-slate-500">by {token.createdBy.email}</span>}
    </>
  ),
};
const TOKEN: Column<ApiTokenView> = { header: "Token", className: "font-mono text-xs", cell: (t) => `${t.prefix}…` };
const SCOPE: Column<ApiTokenView> = {
  header: "Scope",
  cell: (t) => (t.domain ? t.domain.name : <Badge tone="blue">Platform</Badge>),
};
const DETAILS: Column<ApiTokenView>[] = [
  {
    header: "Status",
    cell: (t) => {
      const s = status(t);
      return <Badge tone={s.tone}>{s.label}</Badge>;
    },
  },
  { header: "Last used", cell: (t) => (t.lastUsedAt ? dateTime.format(new Date(t.lastUsedAt)) : "Never") },
  { header: "Expires", cell: (t) => (t.expiresAt ? dateOnly.format(new Date(t.expiresAt)) : "Never") },
];

export function ApiTokensTable({ list, page, pageSize, onPage, showScope, emptyText, revoke }: Props) {
  const [confirming, setConfirming] = useState<ApiTokenView | null>(null);
  const [busy, setBusy] = useState(false);

  const confirmRevoke = async () => {
    if (!confirming) return;
    setBusy(true);
    try {
      await revoke(confirming);
      setConfirming(null);
    } catch {
      // The page's mutation already reported the failure; keep the dialog open to retry.
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <DataTable
        noun="tokens"
        rows={list.data?.items}
        rowKey={(token) => token.id}
        loading={list.isPending}
        error={list.isError ? list.error?.message : undefined}
        empty={emptyText}
        pagination={list.data && { page, pageSize, total: list.data.total, onPage }}
        columns={showScope ? [NAME, TOKEN, SCOPE, ...DETAILS] : [NAME, TOKEN, ...DETAILS]}
        actions={(token) =>
          !token.revokedAt && (
            <Button variant="ghost" size="sm" onClick={() => setConfirming(token)} aria-label={`Revoke ${token.name}`}>
              Revoke
            </Button>
          )
        }
      />
      <Dialog
        open={confirming !== null}
        onOpenChange={(open) => !open && setConfirming(null)}
        title={`Revoke ${confirming?.name ?? "token"}?`}
        description="Requests with this token fail at once with 401. This cannot be undone; create a new token to restore access."
      >
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirming(null)}>
            Cancel
          </Button>
          <Button variant="danger" busy={busy} onClick={() => void confirmRevoke()}>
            Revoke token
          </Button>
        </div>
      </Dialog>
    </>
  );
}
