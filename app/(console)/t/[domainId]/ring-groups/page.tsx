import type { Metadata } from "next";
import { RingGroupsView } from "./RingGroupsView";

export const metadata: Metadata = { title: "Ring groups" };

export default async function RingGroupsPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <RingGroupsView domainId={domainId} />;
}
