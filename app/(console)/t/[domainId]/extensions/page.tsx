import type { Metadata } from "next";
import { ExtensionsView } from "./ExtensionsView";

export const metadata: Metadata = { title: "Extensions" };

export default async function ExtensionsPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <ExtensionsView domainId={domainId} />;
}
