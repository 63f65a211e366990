import type { ReactNode } from "react";
import { AccessNotice } from "@/components/ui/AccessNotice";
import { requireSession } from "@/server/auth/currentSession";

// The API refuses non-platform callers anyway; this keeps them from even seeing the page frames.
export default async function PlatformLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  const platform = session.memberships.some((m) => m.role === "PLATFORM_ADMIN");
  return platform ? children : <AccessNotice code="FORBIDDEN" />;
}
