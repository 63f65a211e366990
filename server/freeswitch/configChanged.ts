import type { DbTx } from "@/server/db/client";

/** What a change invalidates in the FreeSWITCH answer caches of every process. */
export type ConfigScope = { domain: string } | { platform: true };

export const CONFIG_CHANNEL = "switchboard_config";

/**
 * Call inside the transaction of any change that alters what FreeSWITCH is served
 * (directory, dialplan, configuration). PostgreSQL delivers NOTIFY on commit only,
 * so caches never see a change that rolled back.
 */
export async function notifyConfigChanged(tx: DbTx, scope: ConfigScope): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${CONFIG_CHANNEL}, ${JSON.stringify(scope)})`;
}
