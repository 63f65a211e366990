// PostgreSQL NOTIFY channels. Writers notify inside their transaction (delivered on commit
// only); listeners LISTEN on a connection of their own.

/** A committed change altered what FreeSWITCH is served: payload = the scope the answer caches drop. */
export const CONFIG_CHANNEL = "switchboard_config";

/** New outbox rows wait: wakes the relays at once (they also poll). */
export const OUTBOX_CHANNEL = "switchboard_outbox";
