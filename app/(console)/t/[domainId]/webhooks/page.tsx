import type { Metadata } from "next";
import { WebhooksView } from "@/components/webhooks/WebhooksView";

export const metadata: Metadata = { title: "Webhooks" };

export default async function TenantWebhooksPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <WebhooksView domainId={domainId} />;
}
