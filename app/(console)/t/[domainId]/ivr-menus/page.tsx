import type { Metadata } from "next";
import { IvrMenusView } from "./IvrMenusView";

export const metadata: Metadata = { title: "IVR menus" };

export default async function IvrMenusPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <IvrMenusView domainId={domainId} />;
}
