import type { DbTx } from "@/server/db/client";
import { LimitError } from "./errors";
import { lockDomain } from "./lockDomain";

/** Features the platform sizes per tenant (a Domain column): 0 turns the feature off. */
const PLAN_FEATURES = {
  maxConferenceRooms: {
    name: "conference rooms",
    count: (tx: DbTx, domainId: string) => tx.conferenceRoom.count({ where: { domainId } }),
  },
  maxQueues: {
    name: "call queues",
    count: (tx: DbTx, domainId: string) => tx.callQueue.count({ where: { domainId } }),
  },
} as const;

/** Refuses one more of a feature beyond the tenant's plan (Domain.<feature>, set by the platform). */
export async function assertWithinPlan(tx: DbTx, domainId: string, feature: keyof typeof PLAN_FEATURES): Promise<void> {
  // Serialises creates into one domain, so the count below holds.
  await lockDomain(tx, domainId);
  const plan = await tx.domain.findUniqueOrThrow({
    where: { id: domainId },
    select: { maxConferenceRooms: true, maxQueues: true },
  });
  const max = plan[feature];
  const { name, count } = PLAN_FEATURES[feature];
  if (max === 0)
    throw new LimitError(`${name.charAt(0).toUpperCase()}${name.slice(1)} are not part of this tenant's plan`);
  if ((await count(tx, domainId)) >= max) throw new LimitError(`This tenant's plan allows ${max} ${name}`);
}
