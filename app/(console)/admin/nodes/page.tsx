import type { Metadata } from "next";
import { FailoverSettingsForm } from "./FailoverSettingsForm";
import { NodeCapacityPanel } from "./NodeCapacityPanel";
import { NodesView } from "./NodesView";

export const metadata: Metadata = { title: "Telephony nodes" };

export default function NodesPage() {
  return (
    <>
      <NodesView />
      <NodeCapacityPanel />
      <FailoverSettingsForm />
    </>
  );
}
