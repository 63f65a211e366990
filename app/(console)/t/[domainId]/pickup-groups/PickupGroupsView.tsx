"use client";

import { useTRPC } from "@/components/providers/trpc";
import { TenantListPage } from "@/components/tenant/TenantListPage";
import { PICKUP_CODES } from "@/server/pickupGroups/schemas";
import type { PickupGroupView } from "@/server/pickupGroups/service";
import { PickupGroupDialog } from "./PickupGroupDialog";

export function PickupGroupsView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  return (
    <TenantListPage<PickupGroupView>
      domainId={domainId}
      procedures={{
        listOptions: (input) => trpc.pickupGroups.list.queryOptions(input),
        listKey: trpc.pickupGroups.list.queryKey(),
        deleteOptions: trpc.pickupGroups.delete.mutationOptions(),
      }}
      title="Pickup groups"
      description={`Members answer each other's ringing calls with ${PICKUP_CODES.group}; ${PICKUP_CODES.directed}<extension> answers a call ringing one member.`}
      noun="pickup group"
      searchPlaceholder="Search name"
      empty={{
        none: "No pickup groups yet. Create one so colleagues can answer each other's phones.",
        noMatch: "No pickup group matches that search.",
      }}
      columns={[
        { header: "Name", className: "font-medium", cell: (g) => g.name },
        {
          header: "Members",
          className: "max-w-md truncate",
          cell: (g) =>
            g.members.length === 0 ? (
              <span className="text-amber-700">None</span>
            ) : (
              g.members.map((m) => m.extension.number).join(", ")
            ),
        },
      ]}
      nameOf={(g) => g.name}
      deleteWarning={() => <>Its members can no longer pick up each other&apos;s calls with {PICKUP_CODES.group}.</>}
      dialog={(editing, close) => <PickupGroupDialog domainId={domainId} editing={editing} onClose={close} />}
    />
  );
}
