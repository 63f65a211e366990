import type { Metadata } from "next";
import { PickupGroupsView } from "./PickupGroupsView";

export const metadata: Metadata = { title: "Pickup groups" };

export default async function PickupGroupsPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <PickupGroupsView domainId={domainId} />;
}
