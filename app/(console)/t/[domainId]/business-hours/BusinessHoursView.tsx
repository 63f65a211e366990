"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/components/forms/ConfirmDialog";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice, isAccessDenied } from "@/components/ui/AccessNotice";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { DataTable } from "@/components/ui/DataTable";
import { EditDeleteButtons } from "@/components/ui/EditDeleteButtons";
import { FilterInput, ListFilters } from "@/components/ui/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { useListFilters } from "@/components/ui/useListFilters";
import { DESTINATION_LABELS } from "@/server/shared/destinationSchema";
import type { TimeConditionView } from "@/server/timeConditions/service";
import { CLOSED_NOW_TOGGLE_CODE, WEEKDAY_NAMES } from "@/server/timeConditions/schemas";
import { BusinessHoursDialog } from "./BusinessHoursDialog";
import { TimeZoneForm } from "./TimeZoneForm";

const PAGE_SIZE = 25;

const destinationText = (d: TimeConditionView["open"]) =>
  d.target ? `${DESTINATION_LABELS[d.type]} ${d.target}` : DESTINATION_LABELS[d.type];

const hoursText = (c: TimeConditionView) =>
  c.weeklyHours.map((w) => `${w.days.map((d) => WEEKDAY_NAMES[d]).join(" ")} ${w.start}–${w.end}`).join("; ") ||
  "Always closed";

export function BusinessHoursView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const { filters, setFilter, page, setPage } = useListFilters({ search: "" });
  const [editing, setEditing] = useState<TimeConditionView | "new" | null>(null);
  const [deleting, setDeleting] = useState<TimeConditionView | null>(null);
  const list = useQuery(
    trpc.timeConditions.list.queryOptions({ domainId, page, pageSize: PAGE_SIZE, search: filters.search || undefined }),
  );
  const invalidate = [trpc.timeConditions.list.queryKey()];
  const remove = useToastMutation(trpc.timeConditions.delete.mutationOptions(), {
    success: () => `Business hours ${deleting?.name ?? ""} deleted`,
    onDone: () => setDeleting(null),
    invalidate,
  });
  const switchClosed = useToastMutation(trpc.timeConditions.setClosedNow.mutationOptions(), {
    success: (saved: TimeConditionView) => `${saved.name}: ${saved.closedNow ? "closed now" : "following its hours"}`,
    invalidate,
  });

  const code = list.error?.data?.code;
  if (isAccessDenied(code)) return <AccessNotice code={code} audience="tenant" />;

  return (
    <>
      <PageHeader
        title="Business hours"
        description={`Numbers that send calls one way while you are open and another way after hours. A phone dials ${CLOSED_NOW_TOGGLE_CODE} and the number to close now, and again to reopen.`}
        actions={<Button onClick={() => setEditing("new")}>New business hours</Button>}
      />
      {list.data && <TimeZoneForm domainId={domainId} timeZone={list.data.timeZone} />}
      <ListFilters>
        <FilterInput
          label="Search business hours"
          placeholder="Search number or name"
          value={filters.search}
          onChange={(v) => setFilter("search", v)}
        />
      </ListFilters>
      <DataTable
        noun="business hours"
        rows={list.data?.items}
        rowKey={(r) => r.id}
        loading={list.isPending}
        error={list.error?.message}
        empty={
          filters.search
            ? "No business hours match that search."
            : "No business hours yet. Create them, then point a phone number at them."
        }
        pagination={list.data && { page, pageSize: PAGE_SIZE, total: list.data.total, onPage: setPage }}
        columns={[
          { header: "Number", className: "font-mono font-medium", cell: (r) => r.number },
          { header: "Name", cell: (r) => r.name },
          { header: "Open", cell: hoursText },
          { header: "While open", cell: (r) => destinationText(r.open) },
          { header: "While closed", cell: (r) => destinationText(r.closed) },
          {
            header: "Now",
            cell: (r) => (
              <span title={r.now.reason}>
                <Badge tone={r.now.branch === "open" ? "green" : "amber"}>
                  {r.closedNow ? "Closed now (by hand)" : r.now.branch === "open" ? "Open" : "Closed"}
                </Badge>
              </span>
            ),
          },
        ]}
        actions={(r) => (
          <div className="flex gap-2">
            <Button
              size="sm"
              variant="secondary"
              busy={switchClosed.isPending}
              onClick={() => switchClosed.mutate({ domainId, id: r.id, closedNow: !r.closedNow })}
            >
              {r.closedNow ? "Reopen" : "Close now"}
            </Button>
            <EditDeleteButtons
              name={`business hours ${r.number}`}
              onEdit={() => setEditing(r)}
              onDelete={() => setDeleting(r)}
            />
          </div>
        )}
      />
      <BusinessHoursDialog domainId={domainId} editing={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete business hours ${deleting?.number ?? ""}?`}
        confirmLabel="Delete business hours"
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ domainId, id: deleting.id })}
      >
        Calls to {deleting?.number} will no longer be routed by {deleting?.name}.
      </ConfirmDialog>
    </>
  );
}
