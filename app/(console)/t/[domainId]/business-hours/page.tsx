import type { Metadata } from "next";
import { BusinessHoursView } from "./BusinessHoursView";

export const metadata: Metadata = { title: "Business hours" };

export default async function BusinessHoursPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <BusinessHoursView domainId={domainId} />;
}
