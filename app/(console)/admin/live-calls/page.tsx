import type { Metadata } from "next";
import { PlatformLiveCallsView } from "./PlatformLiveCallsView";

export const metadata: Metadata = { title: "Live calls" };

export default function PlatformLiveCallsPage() {
  return <PlatformLiveCallsView />;
}
