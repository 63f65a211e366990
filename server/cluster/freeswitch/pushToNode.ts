import type { Db } from "@/server/db/client";
import { open } from "@/server/security/secretBox";
import { EslConnection, EslError } from "../esl/eslClient";
import { lockFor, nodeLock } from "../locks";
import { nodeCommandsFor, type FreeswitchEvent } from "./nodeCommands";

/**
 * Runs one change's ESL commands on one node and records the revision it reached.
 * Under a per-node lock so two workers never talk to one node at once.
 */
export async function pushToNode(db: Db, nodeId: string, revision: bigint, event: FreeswitchEvent): Promise<void> {
  const failure = await db.$transaction(
    async (tx) => {
      await lockFor(tx, nodeLock(nodeId));
      const node = await tx.telephonyNode.findUnique({ where: { id: nodeId } });
      if (!node) return null;
      try {
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
        await tx.$executeRaw`
          UPDATE "TelephonyNode" SET "appliedRevision" = GREATEST("appliedRevision", ${revision}),
            "lastSyncAt" = now(), "lastSyncError" = NULL, "updatedAt" = now() WHERE id = ${nodeId}`;
        return null;
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        await tx.telephonyNode.update({
          where: { id: nodeId },
          data: { lastSyncError: error.message.slice(0, 500), lastSyncAt: new Date() },
        });
        return error;
      }
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  if (failure) throw failure;
}

/** Nodes that must hear about an event: those serving the domain for user flushes, else all. */
export async function nodesFor(db: Db, event: FreeswitchEvent): Promise<string[]> {
  if (event.topic === "freeswitch.flush-user") {
    const assigned = await db.domainAssignment.findMany({
      where: { domain: { name: event.domain } },
      select: { nodeId: true },
    });
    // A domain with no assignment is served by every node.
    if (assigned.length > 0) return assigned.map((a) => a.nodeId);
  }
  return (await db.telephonyNode.findMany({ select: { id: true } })).map((n) => n.id);
}
