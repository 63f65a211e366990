import type { Metadata } from "next";
import { TenantCallLimitsView } from "./TenantCallLimitsView";

export const metadata: Metadata = { title: "Call limits" };

export default async function TenantCallLimitsPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <TenantCallLimitsView domainId={domainId} />;
}
