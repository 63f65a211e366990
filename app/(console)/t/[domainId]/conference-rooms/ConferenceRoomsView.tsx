"use client";

import { TenantListPage } from "@/components/tenant/TenantListPage";
import { useTRPC } from "@/components/providers/trpc";
import type { ConferenceRoomView } from "@/server/conferenceRooms/service";
import { ConferenceRoomDialog } from "./ConferenceRoomDialog";

export function ConferenceRoomsView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  return (
    <TenantListPage<ConferenceRoomView>
      domainId={domainId}
      procedures={{
        listOptions: (input) => trpc.conferenceRooms.list.queryOptions(input),
        listKey: trpc.conferenceRooms.list.queryKey(),
        deleteOptions: trpc.conferenceRooms.delete.mutationOptions(),
      }}
      title="Conference rooms"
      description="Numbers callers dial to talk together, optionally behind a PIN."
      noun="conference room"
      searchPlaceholder="Search number or name"
      empty={{
        none: "No conference rooms yet. Create one and give callers its number.",
        noMatch: "No conference room matches that search.",
      }}
      columns={[
        { header: "Number", className: "font-mono font-medium", cell: (r) => r.number },
        { header: "Name", cell: (r) => r.name },
        { header: "PIN", cell: (r) => (r.pin ? "Required" : "None") },
        { header: "Moderator PIN", cell: (r) => (r.moderatorPin ? "Set" : "None") },
        { header: "Max members", cell: (r) => (r.maxMembers > 0 ? r.maxMembers : "No limit") },
        { header: "Recorded", cell: (r) => (r.record ? "Yes" : "No") },
      ]}
      nameOf={(r) => r.number}
      deleteWarning={(r) => (
        <>Callers will no longer reach {r.name}; a conference running in it continues until its last caller hangs up.</>
      )}
      dialog={(editing, close) => <ConferenceRoomDialog domainId={domainId} editing={editing} onClose={close} />}
    />
  );
}
