import type { Metadata } from "next";
import { PlatformRegistrationsView } from "./PlatformRegistrationsView";

export const metadata: Metadata = { title: "Registered phones" };

export default function PlatformRegistrationsPage() {
  return <PlatformRegistrationsView />;
}
