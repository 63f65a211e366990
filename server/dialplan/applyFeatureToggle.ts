import type { Db } from "@/server/db/client";
import { writeAudit } from "@/server/audit/writeAudit";
import { recordClusterChange } from "@/server/cluster/recordClusterChange";
import { notifyConfigChanged } from "@/server/freeswitch/configChanged";
import type { FeatureToggle } from "./featureCodes";

/**
 * A feature code dialled from a phone changes that phone's extension. It runs when
 * FreeSWITCH asks the dialplan for the code, so no callback from FreeSWITCH is needed;
 * both toggles are idempotent, so a repeated request changes nothing more.
 */
export async function applyFeatureToggle(
  db: Db,
  target: { domainId: string; domainName: string; extension: string },
  change: FeatureToggle,
): Promise<void> {
  const data =
    change.field === "dnd"
      ? { dnd: change.enabled }
      : { forwardAlwaysEnabled: change.enabled, forwardAlwaysTarget: change.target };
  await db.$transaction(async (tx) => {
    const where = { domainId_number: { domainId: target.domainId, number: target.extension } };
    const before = await tx.extension.findUnique({
      where,
      select: { id: true, dnd: true, forwardAlwaysEnabled: true, forwardAlwaysTarget: true },
    });
    if (!before) return;
    await tx.extension.update({ where, data });
    const actor = { userId: null, tokenId: null, label: `phone ${target.extension}@${target.domainName}`, ip: null };
    await writeAudit(tx, actor, {
      domainId: target.domainId,
      action: change.field === "dnd" ? "extension.dnd" : "extension.forward-always",
      entityType: "Extension",
      entityId: before.id,
      before: {
        dnd: before.dnd,
        forwardAlwaysEnabled: before.forwardAlwaysEnabled,
        forwardAlwaysTarget: before.forwardAlwaysTarget,
      },
      after: data,
    });
    // The directory answer carries DND/forward variables that FreeSWITCH may have cached.
    await recordClusterChange(tx, `feature code on ${target.extension}@${target.domainName}`, [
      { topic: "freeswitch.flush-user", domain: target.domainName, users: [target.extension] },
    ]);
    await notifyConfigChanged(tx, { domain: target.domainName });
  });
}
