"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { Pagination } from "@/components/ui/Pagination";
import { EmptyRow, TableCard, Td, Th } from "@/components/ui/Table";
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

export function ApiTokensTable({ list, page, pageSize, onPage, showScope, emptyText, revoke }: Props) {
  const [confirming, setConfirming] = useState<ApiTokenView | null>(null);
  const [busy, setBusy] = useState(false);
  const columns = showScope ? 7 : 6;

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
      <TableCard
        footer={list.data && <Pagination page={page} pageSize={pageSize} total={list.data.total} onPage={onPage} />}
      >
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Token</Th>
            {showScope && <Th>Scope</Th>}
            <Th>Status</Th>
            <Th>Last used</Th>
            <Th>Expires</Th>
            <Th>
              {/* Positioned so the visually hidden label stays inside the table's scroll box on phones. */}
              <span className="relative">
                <span className="sr-only">Actions</span>
              </span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.isPending && <EmptyRow colSpan={columns}>Loading tokens…</EmptyRow>}
          {list.isError && <EmptyRow colSpan={columns}>Could not load tokens: {list.error?.message}</EmptyRow>}
          {list.data?.items.length === 0 && <EmptyRow colSpan={columns}>{emptyText}</EmptyRow>}
          {list.data?.items.map((token) => {
            const s = status(token);
            return (
              <tr key={token.id} className="hover:bg-slate-50">
                <Td className="font-medium text-slate-900">
                  {token.name}
                  {token.createdBy && (
                    <span className="block text-xs font-normal text-slate-500">by {token.createdBy.email}</span>
                  )}
                </Td>
                <Td className="font-mono text-xs">{token.prefix}…</Td>
                {showScope && <Td>{token.domain ? token.domain.name : <Badge tone="blue">Platform</Badge>}</Td>}
                <Td>
                  <Badge tone={s.tone}>{s.label}</Badge>
                </Td>
                <Td>{token.lastUsedAt ? dateTime.format(new Date(token.lastUsedAt)) : "Never"}</Td>
                <Td>{token.expiresAt ? dateOnly.format(new Date(token.expiresAt)) : "Never"}</Td>
                <Td className="text-right">
                  {!token.revokedAt && (
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => setConfirming(token)}
                      aria-label={`Revoke ${token.name}`}
                    >
                      Revoke
                    </Button>
                  )}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </TableCard>
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
