import type { Metadata } from "next";
import { TenantTwoFactorPolicySetting } from "@/components/twoFactor/TwoFactorPolicySetting";
import { SignInSecuritySection } from "@/components/twoFactor/SignInSecuritySection";
import { TenantUsersView } from "./TenantUsersView";

export const metadata: Metadata = { title: "Users" };

export default async function TenantUsersPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return (
    <>
      <TenantUsersView domainId={domainId} />
      <SignInSecuritySection>
        <TenantTwoFactorPolicySetting domainId={domainId} />
      </SignInSecuritySection>
    </>
  );
}
