import type { Metadata } from "next";
import { TrunksView } from "./TrunksView";

export const metadata: Metadata = { title: "Trunks" };

export default function TrunksPage() {
  return <TrunksView />;
}
