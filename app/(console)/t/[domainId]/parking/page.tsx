import type { Metadata } from "next";
import { ParkingView } from "./ParkingView";

export const metadata: Metadata = { title: "Call parking" };

export default async function ParkingPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <ParkingView domainId={domainId} />;
}
