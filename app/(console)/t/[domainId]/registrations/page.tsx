import type { Metadata } from "next";
import { RegistrationsView } from "./RegistrationsView";

export const metadata: Metadata = { title: "Registered phones" };

export default async function RegistrationsPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <RegistrationsView domainId={domainId} />;
}
