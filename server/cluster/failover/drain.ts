import type { DbTx } from "@/server/db/client";
import type { NodeAdminState } from "@/server/db/generated/enums";
import type { PlatformContext } from "@/server/tenancy/context";
import { NotFoundError } from "@/server/tenancy/errors";
import { readFailoverSettings } from "./settings";

/**
 * The drain window columns for a node entering `adminState`: a drain starts now and ends
 * at its deadline (the given minutes, else the platform default, else none); any other
 * state clears them.
 */
export async function drainWindow(tx: DbTx, adminState: NodeAdminState, deadlineMinutes: number | undefined) {
  if (adminState !== "DRAINING") return { drainStartedAt: null, drainDeadlineAt: null };
  const minutes = deadlineMinutes ?? (await readFailoverSettings(tx)).drainDeadlineMin;
  const now = new Date();
  return { drainStartedAt: now, drainDeadlineAt: minutes === null ? null : new Date(now.getTime() + minutes * 60_000) };
}

/**
 * A draining node's state against its deadline; past it, the calls still up there (from
 * the live channel table), listed so an operator can hang them up. Nothing is killed here.
 */
export async function drainStatus(ctx: PlatformContext, nodeId: string) {
  const node = await ctx.db.telephonyNode.findUnique({
    where: { id: nodeId },
    select: { id: true, hostname: true, adminState: true, drainStartedAt: true, drainDeadlineAt: true },
  });
  if (!node) throw new NotFoundError("Node");
  const overdue = node.adminState === "DRAINING" && node.drainDeadlineAt !== null && node.drainDeadlineAt <= new Date();
  const remainingCalls = overdue
    ? await ctx.db.liveChannel.findMany({
        where: { nodeId },
        orderBy: { createdAt: "asc" },
        take: 500,
        select: {
          uuid: true,
          callUuid: true,
          direction: true,
          callerNumber: true,
          destinationNumber: true,
          state: true,
          createdAt: true,
          answeredAt: true,
          domain: { select: { name: true } },
        },
      })
    : [];
  return { ...node, overdue, remainingCalls };
}
