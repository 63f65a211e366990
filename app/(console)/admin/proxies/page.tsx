import type { Metadata } from "next";
import { ProxiesView } from "./ProxiesView";

export const metadata: Metadata = { title: "SIP proxies" };

export default function ProxiesPage() {
  return <ProxiesView />;
}
