import type { Metadata } from "next";
import { DomainApiTokensView } from "./DomainApiTokensView";

export const metadata: Metadata = { title: "API tokens" };

export default async function DomainApiTokensPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <DomainApiTokensView domainId={domainId} />;
}
