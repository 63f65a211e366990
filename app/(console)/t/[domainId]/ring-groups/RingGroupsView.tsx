"use client";

import { useTRPC } from "@/components/providers/trpc";
import { TenantListPage } from "@/components/tenant/TenantListPage";
import { Badge } from "@/components/ui/Badge";
import type { RingGroupView } from "@/server/ringGroups/service";
import { DESTINATION_LABELS } from "@/server/shared/destinationSchema";
import { RingGroupDialog } from "./RingGroupDialog";

export function RingGroupsView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  return (
    <TenantListPage<RingGroupView>
      domainId={domainId}
      procedures={{
        listOptions: (input) => trpc.ringGroups.list.queryOptions(input),
        listKey: trpc.ringGroups.list.queryKey(),
        deleteOptions: trpc.ringGroups.delete.mutationOptions(),
      }}
      title="Ring groups"
      description="One number that rings several extensions, all at once or in turn."
      noun="ring group"
      searchPlaceholder="Search number or name"
      empty={{
        none: "No ring groups yet. Create one to ring several phones from one number.",
        noMatch: "No ring group matches that search.",
      }}
      columns={[
        { header: "Number", className: "font-mono font-medium", cell: (g) => g.number },
        { header: "Name", cell: (g) => g.name },
        {
          header: "Strategy",
          cell: (g) => (
            <>
              <Badge tone="blue">{g.strategy === "SIMULTANEOUS" ? "All at once" : "In turn"}</Badge> {g.ringTimeout}s
            </>
          ),
        },
        {
          header: "Members",
          className: "max-w-xs truncate",
          cell: (g) =>
            g.members.length === 0 ? (
              <span className="text-amber-700">None</span>
            ) : (
              g.members.map((m) => m.extension.number).join(", ")
            ),
        },
        {
          header: "If nobody answers",
          cell: (g) => `${DESTINATION_LABELS[g.fallbackType]} ${g.fallbackTarget ?? ""}`,
        },
      ]}
      nameOf={(g) => g.number}
      deleteWarning={(g) => (
        <>
          Calls to {g.number} will no longer ring {g.name}. A group that phone numbers or IVR menus still send calls to
          cannot be deleted.
        </>
      )}
      dialog={(editing, close) => <RingGroupDialog domainId={domainId} editing={editing} onClose={close} />}
    />
  );
}
