import type { Metadata } from "next";
import { RoutesView } from "./RoutesView";

export const metadata: Metadata = { title: "Outbound routes" };

export default function RoutesPage() {
  return <RoutesView domainId={null} />;
}
