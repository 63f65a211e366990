import type { Metadata } from "next";
import { MusicOnHoldView } from "./MusicOnHoldView";

export const metadata: Metadata = { title: "Music on hold" };

export default async function MusicOnHoldPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <MusicOnHoldView domainId={domainId} />;
}
