import type { Metadata } from "next";
import { CallLimitPolicyView } from "./CallLimitPolicyView";

export const metadata: Metadata = { title: "Abuse limits" };

export default function CallLimitPolicyPage() {
  return <CallLimitPolicyView />;
}
