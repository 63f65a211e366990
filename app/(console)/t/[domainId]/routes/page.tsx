import type { Metadata } from "next";
import { RoutesView } from "@/app/(console)/admin/routes/RoutesView";

export const metadata: Metadata = { title: "Outbound routes" };

export default async function TenantRoutesPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <RoutesView domainId={domainId} />;
}
