import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/AppShell";
import { requireSession } from "@/server/auth/currentSession";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  return (
    <AppShell email={session.email} memberships={session.memberships}>
      {children}
    </AppShell>
  );
}
