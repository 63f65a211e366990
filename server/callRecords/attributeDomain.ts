import type pg from "pg";
import { didCandidates } from "@/server/dialplan/didCandidates";
import type { CdrRecord } from "./cdrRecord";

type Queryable = Pick<pg.Pool, "query">;

const FOUND_MS = 60_000;
/** A name that matched no domain may be created any minute: forget that sooner. */
const MISSING_MS = 5_000;
const MAX_ENTRIES = 20_000;
/** Both legs of one call start within this window of each other. */
const LEG_WINDOW_MS = 24 * 3600_000;

type Cached = { id: string | null; until: number };

/**
 * Which tenant a leg belongs to: the first of its domain hints that names a domain,
 * else (inbound) the owner of the dialled DID, else the domain already stored for the
 * other leg of the call (a gateway b-leg names none). Null keeps it for the platform.
 * Name and DID answers are cached briefly: a burst of hangups asks the same few.
 */
export class DomainAttributor {
  private readonly byName = new Map<string, Cached>();
  private readonly byDid = new Map<string, Cached>();

  constructor(
    private readonly pool: Queryable,
    private readonly now: () => number = Date.now,
  ) {}

  async domainIdFor(record: CdrRecord): Promise<string | null> {
    for (const name of record.domainHints) {
      const id = await this.cached(this.byName, name, () => this.loadDomain(name));
      if (id) return id;
    }
    if (record.inboundDialed) {
      const candidates = didCandidates(record.inboundDialed);
      if (candidates.length > 0) {
        const id = await this.cached(this.byDid, candidates.join(","), () => this.loadDidOwner(candidates));
        if (id) return id;
      }
    }
    return this.loadLinkedLeg(record);
  }

  private async cached(map: Map<string, Cached>, key: string, load: () => Promise<string | null>) {
    const hit = map.get(key);
    const now = this.now();
    if (hit && hit.until > now) return hit.id;
    const id = await load();
    if (map.size >= MAX_ENTRIES) map.clear();
    map.set(key, { id, until: now + (id ? FOUND_MS : MISSING_MS) });
    return id;
  }

  private async loadDomain(name: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ id: string }>('SELECT id FROM "Domain" WHERE name = $1', [name]);
    return rows[0]?.id ?? null;
  }

  /** The most literal reading of the dialled number wins, as in the dialplan. */
  private async loadDidOwner(candidates: string[]): Promise<string | null> {
    const { rows } = await this.pool.query<{ e164: string; domainId: string }>(
      'SELECT e164, "domainId" FROM "PhoneNumber" WHERE e164 = ANY($1::text[]) AND "domainId" IS NOT NULL',
      [candidates],
    );
    for (const c of candidates) {
      const row = rows.find((r) => r.e164 === c);
      if (row) return row.domainId;
    }
    return null;
  }

  private async loadLinkedLeg(record: CdrRecord): Promise<string | null> {
    const at = record.startedAt.getTime();
    const { rows } = await this.pool.query<{ domain_id: string }>(
      `SELECT domain_id FROM call_record
        WHERE a_leg_uuid = $1 AND domain_id IS NOT NULL AND started_at > $2::timestamp AND started_at < $3::timestamp
        LIMIT 1`,
      [record.aLegUuid, new Date(at - LEG_WINDOW_MS).toISOString(), new Date(at + LEG_WINDOW_MS).toISOString()],
    );
    return rows[0]?.domain_id ?? null;
  }
}
