import type { Metadata } from "next";
import { PlatformApiTokensView } from "./PlatformApiTokensView";

export const metadata: Metadata = { title: "API tokens" };

export default function PlatformApiTokensPage() {
  return <PlatformApiTokensView />;
}
