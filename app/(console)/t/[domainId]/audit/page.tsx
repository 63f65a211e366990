import type { Metadata } from "next";
import { TenantAuditView } from "./TenantAuditView";

export const metadata: Metadata = { title: "Audit log" };

export default async function TenantAuditPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <TenantAuditView domainId={domainId} />;
}
