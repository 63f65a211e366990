import type { Metadata } from "next";
import { LiveCallsView } from "./LiveCallsView";

export const metadata: Metadata = { title: "Live calls" };

export default async function LiveCallsPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <LiveCallsView domainId={domainId} />;
}
