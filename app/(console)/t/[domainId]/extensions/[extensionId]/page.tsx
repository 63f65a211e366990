import type { Metadata } from "next";
import { ExtensionEditor } from "./ExtensionEditor";

export const metadata: Metadata = { title: "Extension" };

export default async function ExtensionPage({
  params,
}: {
  params: Promise<{ domainId: string; extensionId: string }>;
}) {
  const { domainId, extensionId } = await params;
  return <ExtensionEditor domainId={domainId} extensionId={extensionId} />;
}
