import type { Metadata } from "next";
import { PlatformCallsView } from "./PlatformCallsView";

export const metadata: Metadata = { title: "Call history" };

export default function PlatformCallsPage() {
  return <PlatformCallsView />;
}
