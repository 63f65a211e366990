import type { Metadata } from "next";
import { TenantNumbersView } from "./TenantNumbersView";

export const metadata: Metadata = { title: "Phone numbers" };

export default async function TenantNumbersPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <TenantNumbersView domainId={domainId} />;
}
