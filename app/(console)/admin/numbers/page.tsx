import type { Metadata } from "next";
import { NumbersView } from "./NumbersView";

export const metadata: Metadata = { title: "Phone numbers" };

export default function NumbersPage() {
  return <NumbersView />;
}
