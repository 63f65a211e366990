import type { Metadata } from "next";
import { WebhooksView } from "@/components/webhooks/WebhooksView";

export const metadata: Metadata = { title: "Webhooks" };

export default function PlatformWebhooksPage() {
  return <WebhooksView domainId={null} />;
}
