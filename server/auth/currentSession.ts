import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./authOptions";
import type { SessionMembership } from "./session";

/** For server components: the session, or a redirect to sign-in. */
export async function requireSession(): Promise<{
  userId: string;
  email: string;
  name: string;
  memberships: SessionMembership[];
}> {
  const session = await getServerSession(authOptions);
  if (!session?.userId) redirect("/sign-in");
  return {
    userId: session.userId,
    email: session.user?.email ?? "",
    name: session.user?.name ?? "",
    memberships: session.memberships,
  };
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
