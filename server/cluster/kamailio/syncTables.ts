import type { Db } from "@/server/db/client";
import { KAMAILIO_TABLES_LOCK, lockFor } from "../locks";
import { dispatcherListFor, validateKamailioState, type AssignmentRow } from "./desiredState";
import { readStoredState, setsOf, writeStoredState } from "./tables";
import { desiredEdgeLimits, writeEdgeLimits } from "./edgeLimits";

/**
 * Recomputes the Kamailio desired state from the cluster tables and stores it in the
 * kamailio.* tables, in one transaction. Returns the revision the stored state covers.
 */
export async function syncKamailioTables(db: Db): Promise<bigint> {
  return db.$transaction(
    async (tx) => {
      await lockFor(tx, KAMAILIO_TABLES_LOCK);
      // Read the revision before the rows (READ COMMITTED): the rows are at least that new.
      const latest = await tx.clusterRevision.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
      const nodes = await tx.telephonyNode.findMany({
        select: { id: true, hostname: true, sipAddress: true, sipPort: true, weight: true, adminState: true },
      });
      // One join instead of Prisma's two queries: this runs on every change, over every assignment.
      const assignments = await tx.$queryRaw<AssignmentRow[]>`
        SELECT d.name AS "domainName", a."nodeId", a.priority, a.weight, d."fallbackToAnyNode"
        FROM "DomainAssignment" a JOIN "Domain" d ON d.id = a."domainId"`;
      const stored = await readStoredState(tx);
      const state = dispatcherListFor(nodes, assignments, setsOf(stored.destinations));
      validateKamailioState(state);
      const revision = latest?.id ?? 0n;
      await writeStoredState(tx, stored, state, revision);
      // Per-tenant edge limits (kamailio.cfg route TENANT_LIMITS) ride the same push.
      await writeEdgeLimits(tx, await desiredEdgeLimits(tx));
      return revision;
    },
    { timeout: 60_000 },
  );
}
