import type { Db } from "@/server/db/client";
import { open } from "@/server/security/secretBox";
import { EslConnection, EslError } from "../esl/eslClient";
import { nodeLock } from "../locks";
import { pushToTarget } from "../pushToTarget";
import { nodeCommandsFor, type FreeswitchEvent } from "./nodeCommands";

/**
 * Runs one change's ESL commands on one node and records the revision it reached.
 * Under the node's lock so two workers never talk to one node at once.
 */
export async function pushToNode(db: Db, nodeId: string, revision: bigint, event: FreeswitchEvent): Promise<void> {
  await pushToTarget(db, {
    lock: nodeLock(nodeId),
    load: async (db) => (await db.telephonyNode.findUnique({ where: { id: nodeId } })) ?? "node deleted",
    apply: async (node) => {
      const esl = await EslConnection.open({
        host: node.eslHost,
        port: node.eslPort,
        password: open(node.eslPasswordEnc),
      });
      try {
        for (const c of nodeCommandsFor(event)) {
          try {
            await esl.api(c.command);
          } catch (e) {
            if (!(c.mayFail && e instanceof EslError)) throw e;
          }
        }
      } finally {
        esl.close();
      }
    },
    succeeded: async (tx) => {
      await tx.$executeRaw`
        UPDATE "TelephonyNode" SET "appliedRevision" = GREATEST("appliedRevision", ${revision}),
          "lastSyncAt" = now(), "lastSyncError" = NULL, "updatedAt" = now() WHERE id = ${nodeId}`;
    },
    failed: async (tx, _node, error) => {
      // updateMany: a node deleted while it was being pushed has nothing left to record.
      await tx.telephonyNode.updateMany({
        where: { id: nodeId },
        data: { lastSyncError: error.message.slice(0, 500), lastSyncAt: new Date() },
      });
    },
  });
}

/** Nodes that must hear about an event: those serving the domain for a domain's event, else all. */
export async function nodesFor(db: Db, event: FreeswitchEvent): Promise<string[]> {
  if ("domain" in event) {
    const assigned = await db.domainAssignment.findMany({
      where: { domain: { name: event.domain } },
      select: { nodeId: true },
    });
    // A domain with no assignment is served by every node.
    if (assigned.length > 0) return assigned.map((a) => a.nodeId);
  }
  return (await db.telephonyNode.findMany({ select: { id: true } })).map((n) => n.id);
}
