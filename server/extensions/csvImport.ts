import Papa from "papaparse";
import type { DbTx } from "@/server/db/client";
import { parkingSlotOf } from "@/server/dialplan/pickupParking";
import { redact, writeAudits } from "@/server/audit/writeAudit";
import { seal } from "@/server/security/secretBox";
import { recordWebhookEvents } from "@/server/webhooks/recordWebhookEvent";
import { generatePin, generateSipPassword, sipA1Hash } from "@/server/security/sipCredentials";
import type { TenantContext } from "@/server/tenancy/context";
import { lockDomain } from "@/server/tenancy/lockDomain";
import { LimitError } from "@/server/tenancy/errors";
import {
  CSV_COLUMN_NAMES,
  CSV_COLUMNS,
  MAX_CSV_ROWS,
  parseCsvRecord,
  type ImportRow,
  type RowProblem,
} from "./csvSchema";
import { publishUserChange } from "./service";

export type CsvPreview = {
  /** Data rows in the file (blank lines excluded). */
  total: number;
  /** Rows that will be created, with their line numbers. */
  valid: ImportRow[];
  /** Every row that will not be imported, and why. */
  problems: RowProblem[];
  /** A problem with the file as a whole (bad header): nothing can be imported. */
  fileError: string | null;
  existing: number;
  limit: number;
};

export type ImportBatchResult = {
  created: number;
  /** Rows that became invalid between preview and import (someone took the number meanwhile). */
  skipped: RowProblem[];
  /** Secrets generated for rows without them: shown once, as a download. */
  generated: { number: string; sipPassword: string | null; voicemailPin: string | null }[];
};

type ParsedRecord = { line: number; record: Record<string, string>; extraFields: boolean };

/** Parses with line numbers counted from the raw text, so quoted multi-line cells and blank lines do not shift them. */
function parseWithLines(csv: string): { header: string[]; records: ParsedRecord[]; tooMany: boolean } {
  let header: string[] | null = null;
  const records: ParsedRecord[] = [];
  let rowStart = 0;
  let line = 1;
  let counted = 0;
  let tooMany = false;
  Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), {
    skipEmptyLines: false,
    step: (result, parser) => {
      for (; counted < rowStart; counted++) if (csv.charCodeAt(counted) === 10) line++;
      const cells = result.data;
      rowStart = result.meta.cursor;
      if (cells.every((c) => c.trim() === "")) return;
      if (!header) {
        header = cells.map((c) => c.trim());
        return;
      }
      if (records.length >= MAX_CSV_ROWS) {
        tooMany = true;
        parser.abort();
        return;
      }
      const record: Record<string, string> = {};
      header.forEach((name, i) => (record[name] = cells[i] ?? ""));
      records.push({ line, record, extraFields: cells.length > header.length });
    },
  });
  return { header: header ?? [], records, tooMany };
}

function headerError(header: string[]): string | null {
  if (header.length === 0) return "The file is empty";
  const unknown = header.filter((h) => !CSV_COLUMN_NAMES.includes(h));
  if (unknown.length > 0) return `Unknown column${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`;
  const missing = CSV_COLUMNS.filter((c) => c.required && !header.includes(c.name)).map((c) => c.name);
  if (missing.length > 0) return `Missing column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`;
  const repeated = header.filter((h, i) => header.indexOf(h) !== i);
  return repeated.length > 0 ? `Column ${repeated[0]} appears twice` : null;
}

/** Numbers among `numbers` already used in the domain by an extension, ring group, IVR menu, conference room or parking slot. */
async function numbersInUse(tx: DbTx, domainId: string, numbers: string[]): Promise<Map<string, string>> {
  const used = new Map<string, string>();
  const lot = await tx.parkingLot.findFirst({
    where: { domainId, enabled: true },
    select: { firstSlot: true, lastSlot: true },
  });
  for (const n of numbers) if (parkingSlotOf(lot, n) !== null) used.set(n, "the parking lot's slots");
  // Bounded IN lists keep each query well under PostgreSQL's bind-parameter limit.
  for (let i = 0; i < numbers.length; i += 5000) {
    const where = { domainId, number: { in: numbers.slice(i, i + 5000) } };
    const select = { number: true } as const;
    const [ext, groups, menus, rooms] = await Promise.all([
      tx.extension.findMany({ where, select }),
      tx.ringGroup.findMany({ where, select }),
      tx.ivrMenu.findMany({ where, select }),
      tx.conferenceRoom.findMany({ where, select }),
    ]);
    for (const e of ext) used.set(e.number, "an extension");
    for (const g of groups) used.set(g.number, "a ring group");
    for (const m of menus) used.set(m.number, "an IVR menu");
    for (const r of rooms) used.set(r.number, "a conference room");
  }
  return used;
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0]!;
  return issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ${issue.message}` : issue.message;
}

/** The dry run: validates every row against the form's schema, the file itself, the domain and its limit. Writes nothing. */
export async function previewExtensionsCsv(ctx: TenantContext, csv: string): Promise<CsvPreview> {
  const domain = await ctx.db.domain.findUniqueOrThrow({
    where: { id: ctx.domain.id },
    select: { maxExtensions: true },
  });
  const existing = await ctx.db.extension.count({ where: { domainId: ctx.domain.id } });
  const { header, records, tooMany } = parseWithLines(csv);
  const base = { total: records.length, existing, limit: domain.maxExtensions, valid: [], problems: [] };
  const fileError = tooMany
    ? `The file has more than ${MAX_CSV_ROWS.toLocaleString("en")} rows; split it`
    : headerError(header);
  if (fileError) return { ...base, fileError };

  const problems: RowProblem[] = [];
  const candidates: ImportRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, record, extraFields } of records) {
    const number = record.number?.trim() || null;
    if (extraFields) {
      problems.push({ line, number, reason: "More cells than columns (a comma inside an unquoted value?)" });
      continue;
    }
    const parsed = parseCsvRecord(record);
    if (!parsed.success) {
      problems.push({ line, number, reason: firstIssue(parsed.error) });
      continue;
    }
    const earlier = firstLineOf.get(parsed.data.number);
    if (earlier !== undefined) {
      problems.push({ line, number, reason: `Duplicate of line ${earlier}` });
      continue;
    }
    firstLineOf.set(parsed.data.number, line);
    candidates.push({ line, extension: parsed.data });
  }

  const used = await numbersInUse(
    ctx.db,
    ctx.domain.id,
    candidates.map((c) => c.extension.number),
  );
  const valid: ImportRow[] = [];
  let room = Math.max(0, domain.maxExtensions - existing);
  for (const row of candidates) {
    const taken = used.get(row.extension.number);
    if (taken) problems.push({ line: row.line, number: row.extension.number, reason: `Already used by ${taken}` });
    else if (room === 0) {
      problems.push({
        line: row.line,
        number: row.extension.number,
        reason: `Over the domain's limit of ${domain.maxExtensions} extensions`,
      });
    } else {
      room--;
      valid.push(row);
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { ...base, valid, problems, fileError: null };
}

/**
 * Writes one batch of previewed rows in one transaction: the extensions, an audit row
 * each, and one cluster change that flushes them all. Rows whose number was taken since
 * the preview are skipped and reported.
 */
export async function importExtensionsBatch(ctx: TenantContext, rows: ImportRow[]): Promise<ImportBatchResult> {
  const prepared = rows.map(({ line, extension }) => {
    const { sipPassword: chosen, voicemailPin: chosenPin, ...fields } = extension;
    const sipPassword = chosen ?? generateSipPassword();
    const voicemailPin = chosenPin ?? (fields.voicemailEnabled === false ? undefined : generatePin());
    const generated = {
      number: fields.number,
      sipPassword: chosen === undefined ? sipPassword : null,
      voicemailPin: chosenPin === undefined ? (voicemailPin ?? null) : null,
    };
    return { line, fields, sipPassword, voicemailPin, generated };
  });
  return ctx.db.$transaction(
    async (tx) => {
      // Serialises concurrent imports into one domain, so the limit check below holds.
      await lockDomain(tx, ctx.domain.id);
      const domain = await tx.domain.findUniqueOrThrow({
        where: { id: ctx.domain.id },
        select: { maxExtensions: true },
      });
      const used = await numbersInUse(
        tx,
        ctx.domain.id,
        prepared.map((p) => p.fields.number),
      );
      const skipped: RowProblem[] = [];
      const seen = new Set<string>();
      const toCreate = prepared.filter((p) => {
        const taken = used.get(p.fields.number) ?? (seen.has(p.fields.number) ? "another row of this file" : undefined);
        seen.add(p.fields.number);
        if (taken) skipped.push({ line: p.line, number: p.fields.number, reason: `Already used by ${taken}` });
        return !taken;
      });
      const count = await tx.extension.count({ where: { domainId: ctx.domain.id } });
      if (count + toCreate.length > domain.maxExtensions) {
        throw new LimitError(`This domain is limited to ${domain.maxExtensions} extensions; ${count} exist`);
      }
      if (toCreate.length === 0) return { created: 0, skipped, generated: [] };

      const created = await tx.extension.createManyAndReturn({
        data: toCreate.map((p) => ({
          ...p.fields,
          domainId: ctx.domain.id,
          sipA1Hash: sipA1Hash(p.fields.number, ctx.domain.name, p.sipPassword),
          voicemailPinEnc: p.voicemailPin ? seal(p.voicemailPin) : null,
        })),
        select: { id: true, number: true },
      });
      const idOf = new Map(created.map((c) => [c.number, c.id]));
      await writeAudits(
        tx,
        ctx.actor,
        toCreate.map((p) => ({
          domainId: ctx.domain.id,
          action: "extension.import",
          entityType: "Extension",
          entityId: idOf.get(p.fields.number) ?? null,
          after: p.fields,
        })),
      );
      await recordWebhookEvents(
        tx,
        toCreate.map((p) => ({
          type: "extension.created",
          domainId: ctx.domain.id,
          data: { domain: ctx.domain.name, extension: redact({ id: idOf.get(p.fields.number), ...p.fields }) },
        })),
      );
      const numbers = toCreate.map((p) => p.fields.number);
      await publishUserChange(
        tx,
        ctx.domain.name,
        numbers,
        `${numbers.length} extensions imported into ${ctx.domain.name}`,
      );
      return {
        created: created.length,
        skipped,
        generated: toCreate.map((p) => p.generated).filter((g) => g.sipPassword !== null || g.voicemailPin !== null),
      };
    },
    { timeout: 60_000 },
  );
}
