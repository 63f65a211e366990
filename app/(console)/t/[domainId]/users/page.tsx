import type { Metadata } from "next";
import { TenantUsersView } from "./TenantUsersView";

export const metadata: Metadata = { title: "Users" };

export default async function TenantUsersPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <TenantUsersView domainId={domainId} />;
}
