import type { Metadata } from "next";
import { TenantDashboardView } from "./TenantDashboardView";

export const metadata: Metadata = { title: "Dashboard" };

export default async function TenantDashboardPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <TenantDashboardView domainId={domainId} />;
}
