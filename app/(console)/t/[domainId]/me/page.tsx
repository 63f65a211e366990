import type { Metadata } from "next";
import { MyPhoneView } from "./MyPhoneView";

export const metadata: Metadata = { title: "My phone" };

export default async function MyPhonePage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <MyPhoneView domainId={domainId} />;
}
