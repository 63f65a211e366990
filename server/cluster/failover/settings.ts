import { writeAudit } from "@/server/audit/writeAudit";
import type { DbTx } from "@/server/db/client";
import type { PlatformContext } from "@/server/tenancy/context";
import type { UpdateFailoverSettingsInput } from "./schemas";

const SETTINGS_ID = 1;

/**
 * Defaults, used until an operator saves settings. EITHER signal suffices: each is
 * independent evidence of death, a node without an event socket (or before its first
 * heartbeat) is judged by Kamailio alone, a node no proxy probes by its heartbeat alone,
 * and hysteresis plus "restore is the operator's decision" bound a false alarm to one move.
 */
export const DEFAULT_FAILOVER_SETTINGS = {
  detectionRule: "EITHER",
  hysteresisMs: 60_000,
  autoRestoreAfterMin: null,
  drainDeadlineMin: null,
} as const;

const SELECT = { detectionRule: true, hysteresisMs: true, autoRestoreAfterMin: true, drainDeadlineMin: true } as const;

export async function readFailoverSettings(db: DbTx) {
  return (
    (await db.failoverSettings.findUnique({ where: { id: SETTINGS_ID }, select: SELECT })) ?? DEFAULT_FAILOVER_SETTINGS
  );
}

export async function getFailoverSettings(ctx: PlatformContext) {
  return readFailoverSettings(ctx.db);
}

export async function updateFailoverSettings(ctx: PlatformContext, input: UpdateFailoverSettingsInput) {
  return ctx.db.$transaction(async (tx) => {
    const before = await readFailoverSettings(tx);
    const after = await tx.failoverSettings.upsert({
      where: { id: SETTINGS_ID },
      create: { ...DEFAULT_FAILOVER_SETTINGS, ...input, id: SETTINGS_ID },
      update: input,
      select: SELECT,
    });
    await writeAudit(tx, ctx.actor, { action: "failover.settings", entityType: "FailoverSettings", before, after });
    return after;
  });
}
