import type { Role } from "@/server/db/generated/enums";

/** A membership as carried in the JWT and resolved per request. */
export type SessionMembership = {
  role: Role;
  domainId: string | null;
  domainName: string | null;
  extensionId: string | null;
};

/** The signed-in caller, as every request sees it (resolved from the database, not trusted from the cookie). */
export type Caller = {
  userId: string;
  email: string;
  name: string;
  memberships: SessionMembership[];
};

export function isPlatformAdmin(caller: Caller): boolean {
  return caller.memberships.some((m) => m.role === "PLATFORM_ADMIN");
}
