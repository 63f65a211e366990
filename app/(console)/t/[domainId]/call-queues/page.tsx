import type { Metadata } from "next";
import { CallQueuesView } from "./CallQueuesView";

export const metadata: Metadata = { title: "Call queues" };

export default async function CallQueuesPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <CallQueuesView domainId={domainId} />;
}
