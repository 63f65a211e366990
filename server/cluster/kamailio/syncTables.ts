import type { Db } from "@/server/db/client";
import { KAMAILIO_TABLES_LOCK, lockFor } from "../locks";
import { dispatcherListFor, validateKamailioState } from "./desiredState";
import { readStoredState, setsOf, writeStoredState } from "./tables";

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
      const assignments = await tx.domainAssignment.findMany({
        select: { nodeId: true, priority: true, weight: true, domain: { select: { name: true } } },
      });
      const stored = await readStoredState(tx);
      const state = dispatcherListFor(
        nodes,
        assignments.map((a) => ({ domainName: a.domain.name, nodeId: a.nodeId, priority: a.priority, weight: a.weight })),
        setsOf(stored.destinations),
      );
      validateKamailioState(state);
      const revision = latest?.id ?? 0n;
      await writeStoredState(tx, state, revision);
      return revision;
    },
    { timeout: 60_000 },
  );
}
