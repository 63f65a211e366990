"use client";

import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/forms/ConfirmDialog";
import { AccessNotice } from "@/components/ui/AccessNotice";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { DataTable } from "@/components/ui/DataTable";
import { Dialog } from "@/components/ui/Dialog";
import { PageHeader } from "@/components/ui/PageHeader";
import { TENANT_WEBHOOK_EVENT_TYPES, WEBHOOK_EVENT_TYPES } from "@/server/webhooks/eventTypes";
import type { WebhookEndpointView } from "@/server/webhooks/service";
import { SigningSecretPanel } from "./SigningSecretPanel";
import { useWebhookApi } from "./useWebhookApi";
import { WebhookDeliveryLog } from "./WebhookDeliveryLog";
import { WebhookEndpointDialog } from "./WebhookEndpointDialog";

const errorText = (e: unknown) => (e instanceof Error ? e.message : "Something went wrong");

/** A tenant's webhooks (`domainId`) or the platform's (null): endpoints, notices, delivery logs. */
export function WebhooksView({ domainId }: { domainId: string | null }) {
  const api = useWebhookApi(domainId);
  const [dialog, setDialog] = useState<{ editing: WebhookEndpointView | null } | null>(null);
  const [deleting, setDeleting] = useState<WebhookEndpointView | null>(null);
  const [rotated, setRotated] = useState<string | null>(null);
  const [logOf, setLogOf] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (api.list.error)
    return <AccessNotice code={api.list.error.data?.code} audience={domainId ? "tenant" : "platform"} />;
  const endpoints = api.list.data;
  const disabled = (endpoints ?? []).filter((e) => e.disabledAt !== null);

  const run = async (what: () => Promise<unknown>, success: string) => {
    setBusy(true);
    try {
      await what();
      toast.success(success);
    } catch (e) {
      toast.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title="Webhooks"
        description={
          domainId
            ? "Your systems get this tenant's events (extensions, numbers, calls, phones) as signed HTTPS POSTs."
            : "Platform endpoints get every tenant's events and the cluster's (nodes, proxies, failover)."
        }
        actions={<Button onClick={() => setDialog({ editing: null })}>New webhook</Button>}
      />
      {disabled.length > 0 && (
        <section
          role="alert"
          aria-label="Disabled webhooks"
          className="mb-6 rounded-xl bg-red-50 p-4 ring-1 ring-red-200"
        >
          <h2 className="text-sm font-semibold text-red-900">
            {disabled.length === 1
              ? "A webhook was disabled after repeated failure"
              : `${disabled.length} webhooks were disabled`}
          </h2>
          <ul className="mt-2 space-y-2">
            {disabled.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 text-sm text-red-900">
                <span>
                  <span className="font-mono">{e.url}</span>: {e.disabledReason}. Its events since are kept and go out
                  when it is enabled again.
                </span>
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={busy}
                  onClick={() => void run(() => api.update({ id: e.id, enabled: true }), "Webhook enabled again")}
                >
                  Enable again
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <DataTable<WebhookEndpointView>
        noun="webhooks"
        rows={endpoints}
        rowKey={(e) => e.id}
        loading={api.list.isLoading}
        empty="No webhooks yet. Add an HTTPS endpoint to get events as they happen."
        columns={[
          {
            header: "URL",
            cell: (e) => (
              <span>
                <span className="font-mono text-xs">{e.url}</span>
                {e.description && <span className="block text-xs text-slate-500">{e.description}</span>}
              </span>
            ),
          },
          { header: "Events", cell: (e) => <span className="text-xs">{e.events.join(", ")}</span> },
          {
            header: "Status",
            cell: (e) =>
              e.enabled ? (
                <Badge tone={e.consecutiveFailures > 0 ? "amber" : "green"}>
                  {e.consecutiveFailures > 0 ? `failing (${e.consecutiveFailures})` : "active"}
                </Badge>
              ) : (
                <Badge tone={e.disabledAt ? "red" : "slate"}>{e.disabledAt ? "disabled after failure" : "off"}</Badge>
              ),
          },
        ]}
        actions={(e) => (
          <>
            <Button size="sm" variant="secondary" onClick={() => setLogOf(logOf === e.id ? null : e.id)}>
              {logOf === e.id ? "Hide log" : "Delivery log"}
            </Button>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => setDialog({ editing: e })}
              aria-label={`Edit ${e.url}`}
            >
              Edit
            </Button>
            <Button
              size="sm"
              variant="ghost"
              disabled={busy}
              onClick={() =>
                void run(
                  () => api.update({ id: e.id, enabled: !e.enabled }),
                  e.enabled ? "Webhook turned off" : "Webhook on",
                )
              }
            >
              {e.enabled ? "Turn off" : "Turn on"}
            </Button>
            <Button
              size="sm"
              variant="ghost"
              disabled={busy}
              onClick={() =>
                void run(async () => setRotated((await api.rotateSecret(e.id)).secret), "New signing secret in force")
              }
            >
              Rotate secret
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setDeleting(e)} aria-label={`Delete ${e.url}`}>
              Delete
            </Button>
          </>
        )}
        detail={(e) => (logOf === e.id ? <WebhookDeliveryLog domainId={domainId} endpointId={e.id} /> : null)}
      />
      <WebhookEndpointDialog
        open={dialog !== null}
        onOpenChange={(open) => !open && setDialog(null)}
        editing={dialog?.editing ?? null}
        events={domainId ? TENANT_WEBHOOK_EVENT_TYPES : WEBHOOK_EVENT_TYPES}
        save={async (values) => {
          if (dialog?.editing) {
            await api.update({ id: dialog.editing.id, ...values });
            return {};
          }
          return { secret: (await api.create(values)).secret };
        }}
      />
      <Dialog open={rotated !== null} onOpenChange={(open) => !open && setRotated(null)} title="New signing secret">
        {rotated && <SigningSecretPanel secret={rotated} onDone={() => setRotated(null)} />}
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title="Delete webhook?"
        confirmLabel="Delete webhook"
        busy={busy}
        onConfirm={() =>
          deleting &&
          void run(async () => {
            await api.remove(deleting.id);
            setDeleting(null);
          }, "Webhook deleted")
        }
      >
        <p className="text-sm text-slate-600">
          <span className="font-mono">{deleting?.url}</span> stops receiving events, and its delivery log is deleted.
        </p>
      </ConfirmDialog>
    </>
  );
}
