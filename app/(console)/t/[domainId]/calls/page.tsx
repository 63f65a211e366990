import type { Metadata } from "next";
import { TenantCallsView } from "./TenantCallsView";

export const metadata: Metadata = { title: "Call history" };

export default async function TenantCallsPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <TenantCallsView domainId={domainId} />;
}
