import type pg from "pg";
import { didCandidates } from "@/server/dialplan/didCandidates";
import type { CdrRecord } from "./cdrRecord";

type Queryable = Pick<pg.Pool, "query">;

const FOUND_MS = 60_000;
/** A name that matched no domain may be created any minute: forget that sooner. */
const MISSING_MS = 5_000;
const MAX_ENTRIES = 20_000;

type Cached = { id: string | null; until: number };

/**
 * Which tenant a leg belongs to by what it carries itself: the first of its domain hints
 * that names a domain, else (inbound) the owner of the dialled DID. Null: the writer then
 * takes the tenant of the call's other leg (a gateway b-leg names none), in its INSERT, so
 * no post waits for a lookup of its own. Answers are cached briefly: a burst of hangups
 * asks the same few names.
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
    return null;
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
}
