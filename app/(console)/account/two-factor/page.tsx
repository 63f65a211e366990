import type { Metadata } from "next";
import { TwoFactorView } from "./TwoFactorView";

export const metadata: Metadata = { title: "Two-factor sign-in" };

export default function TwoFactorPage() {
  return <TwoFactorView />;
}
