import type { DbTx } from "@/server/db/client";
import type { Actor } from "@/server/tenancy/context";

export type AuditEntry = {
  domainId?: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

// Secrets never reach the audit log, not even hashed.
const SECRET_KEY = /(hash|enc|password|secret|pin)$/i;

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? "[redacted]" : redact(v);
    return out;
  }
  return value;
}

function auditRow(actor: Actor, entry: AuditEntry) {
  return {
    actorUserId: actor.userId,
    actorTokenId: actor.tokenId,
    actorLabel: actor.label,
    ip: actor.ip,
    domainId: entry.domainId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: entry.before === undefined ? undefined : (redact(entry.before) as object),
    after: entry.after === undefined ? undefined : (redact(entry.after) as object),
  };
}

/** Call inside the same transaction as the change it records. */
export async function writeAudit(tx: DbTx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: auditRow(actor, entry) });
}

/** Many rows in one statement, for bulk changes (a 500-row import would otherwise cost 500 round trips). */
export async function writeAudits(tx: DbTx, actor: Actor, entries: AuditEntry[]): Promise<void> {
  if (entries.length > 0) await tx.auditLog.createMany({ data: entries.map((e) => auditRow(actor, e)) });
}
