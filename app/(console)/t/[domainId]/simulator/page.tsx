import type { Metadata } from "next";
import { SimulatorView } from "./SimulatorView";

export const metadata: Metadata = { title: "Dialplan simulator" };

export default async function SimulatorPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <SimulatorView domainId={domainId} />;
}
