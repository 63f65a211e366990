"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/Badge";
import { DataTable } from "@/components/ui/DataTable";
import type { WebhookDeliveryView } from "@/server/webhooks/service";
import { useWebhookDeliveries } from "./useWebhookApi";

const PAGE_SIZE = 20;

const STATUS_TONE = { DELIVERED: "green", PENDING: "amber", PAUSED: "slate", FAILED: "red" } as const;

const time = (d: Date | null) => (d ? `${d.toISOString().slice(0, 19).replace("T", " ")} UTC` : "—");

/** The delivery log of one endpoint: each event's status and its latest attempts with their response codes. */
export function WebhookDeliveryLog({ domainId, endpointId }: { domainId: string | null; endpointId: string }) {
  const [page, setPage] = useState(1);
  const log = useWebhookDeliveries(domainId, endpointId, page, PAGE_SIZE);
  return (
    <div aria-label="Delivery log">
      <DataTable<WebhookDeliveryView>
        noun="deliveries"
        rows={log.data?.items}
        rowKey={(d) => d.id.toString()}
        loading={log.isLoading}
        error={log.error?.message}
        empty="No deliveries yet. Events this endpoint subscribes to show up here as they happen."
        columns={[
          { header: "Event", cell: (d) => <span className="font-mono text-xs">{d.eventId}</span> },
          { header: "Type", cell: (d) => d.eventType },
          { header: "Status", cell: (d) => <Badge tone={STATUS_TONE[d.status]}>{d.status.toLowerCase()}</Badge> },
          {
            header: "Responses (latest first)",
            cell: (d) =>
              d.attemptLog.length === 0
                ? "—"
                : d.attemptLog
                    .map((a) => (a.statusCode === null ? (a.error ?? "error") : String(a.statusCode)))
                    .join(", "),
          },
          { header: "Attempts", cell: (d) => d.attempts },
          { header: "Last attempt", cell: (d) => time(d.lastAttemptAt) },
          { header: "Next attempt", cell: (d) => (d.status === "PENDING" ? time(d.nextAttemptAt) : "—") },
        ]}
        pagination={log.data ? { page, pageSize: PAGE_SIZE, total: log.data.total, onPage: setPage } : undefined}
      />
    </div>
  );
}
