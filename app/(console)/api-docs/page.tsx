import type { Metadata } from "next";
import { ApiReferenceView } from "./ApiReferenceView";

export const metadata: Metadata = { title: "API reference" };

export default function ApiDocsPage() {
  return <ApiReferenceView />;
}
