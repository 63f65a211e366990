import type { DbTx } from "@/server/db/client";
import { ConflictError } from "@/server/tenancy/errors";
import type { MembershipInput } from "./schemas";

/** Every tenant grant must name an existing domain, and an end user an extension of that same domain. */
export async function assertMembershipTargets(tx: DbTx, memberships: MembershipInput[], field: string): Promise<void> {
  for (const m of memberships) {
    if (!m.domainId) continue;
    if (m.extensionId) {
      const ext = await tx.extension.count({ where: { id: m.extensionId, domainId: m.domainId } });
      if (ext === 0) throw new ConflictError("Pick an extension of that tenant", field);
    } else if ((await tx.domain.count({ where: { id: m.domainId } })) === 0) {
      throw new ConflictError("Pick an existing tenant", field);
    }
  }
}

export async function assertEmailFree(tx: DbTx, email: string): Promise<void> {
  if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new ConflictError(`A user with ${email} already exists`, "email");
  }
}

/** The one domain an audit row about these grants belongs to, when there is exactly one. */
export function auditDomainOf(memberships: { domainId: string | null }[]): string | null {
  const domains = new Set(memberships.map((m) => m.domainId));
  const [only] = domains;
  return domains.size === 1 && only ? only : null;
}
