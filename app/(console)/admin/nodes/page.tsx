import type { Metadata } from "next";
import { NodesView } from "./NodesView";

export const metadata: Metadata = { title: "Telephony nodes" };

export default function NodesPage() {
  return <NodesView />;
}
