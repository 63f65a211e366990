import type { Metadata } from "next";
import { ConferenceRoomsView } from "./ConferenceRoomsView";

export const metadata: Metadata = { title: "Conference rooms" };

export default async function ConferenceRoomsPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <ConferenceRoomsView domainId={domainId} />;
}
