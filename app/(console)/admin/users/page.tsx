import type { Metadata } from "next";
import { PlatformTwoFactorPolicySetting } from "@/components/twoFactor/TwoFactorPolicySetting";
import { SignInSecuritySection } from "@/components/twoFactor/SignInSecuritySection";
import { UsersView } from "./UsersView";

export const metadata: Metadata = { title: "Users & roles" };

export default function UsersPage() {
  return (
    <>
      <UsersView />
      <SignInSecuritySection>
        <PlatformTwoFactorPolicySetting />
      </SignInSecuritySection>
    </>
  );
}
