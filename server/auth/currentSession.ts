import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { db } from "@/server/db/client";
import { authOptions } from "./authOptions";
import { loadCaller } from "./loadCaller";
import type { SessionMembership } from "./session";

/**
 * For server components: the caller as the database has them now (roles, disabled, ended
 * sessions), or a redirect to sign-in. The session cookie only says who; never what they may do.
 */
export async function requireSession(): Promise<{
  userId: string;
  email: string;
  name: string;
  memberships: SessionMembership[];
}> {
  const session = await getServerSession(authOptions);
  const caller = session?.userId ? await loadCaller(db(), session.userId, session.sessionVersion) : null;
  if (!caller) redirect("/sign-in");
  return { userId: caller.userId, email: caller.email, name: caller.name, memberships: caller.memberships };
}

/** Where a freshly signed-in person lands, by their highest role. */
export function homeFor(memberships: SessionMembership[]): string {
  if (memberships.some((m) => m.role === "PLATFORM_ADMIN")) return "/admin";
  const admin = memberships.find((m) => m.role === "TENANT_ADMIN");
  if (admin?.domainId) return `/t/${admin.domainId}/extensions`;
  const user = memberships.find((m) => m.role === "TENANT_USER");
  if (user?.domainId) return `/t/${user.domainId}/me`;
  return "/sign-in?error=no-access";
}
