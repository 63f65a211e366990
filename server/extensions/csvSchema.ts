import { z } from "zod";
import { createExtensionSchema } from "./schemas";

/**
 * The extension CSV format, shared by import, export and the page that documents it.
 * Export writes every column but `sipPassword` and `voicemailPin`, so an export imports again.
 */
export const CSV_COLUMNS = [
  { name: "number", required: true, secret: false, help: "2 to 10 digits, unique in the domain" },
  { name: "displayName", required: true, secret: false, help: "Name shown on phones" },
  { name: "voicemailEnabled", required: false, secret: false, help: "true/false (default true)" },
  { name: "voicemailEmail", required: false, secret: false, help: "Where voicemail notifications go" },
  { name: "internalCallerIdName", required: false, secret: false, help: "Caller ID name inside the domain" },
  { name: "internalCallerIdNumber", required: false, secret: false, help: "Caller ID number inside the domain" },
  { name: "externalCallerIdName", required: false, secret: false, help: "Caller ID name on outside calls" },
  {
    name: "externalCallerIdNumber",
    required: false,
    secret: false,
    help: "Caller ID number on outside calls, e.g. +15551230001",
  },
  { name: "maxCalls", required: false, secret: false, help: "Concurrent calls, 0 = no limit (default 4)" },
  { name: "recordCalls", required: false, secret: false, help: "true/false (default false)" },
  {
    name: "tollAllow",
    required: false,
    secret: false,
    help: "Allowed call classes separated by ; e.g. local;domestic",
  },
  { name: "enabled", required: false, secret: false, help: "true/false (default true)" },
  {
    name: "sipPassword",
    required: false,
    secret: true,
    help: "12+ characters, mixed case and digits; empty = generated",
  },
  { name: "voicemailPin", required: false, secret: true, help: "4 to 10 digits; empty = generated" },
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number]["name"];
export const CSV_COLUMN_NAMES: readonly string[] = CSV_COLUMNS.map((c) => c.name);
export const EXPORT_COLUMNS = CSV_COLUMNS.filter((c) => !c.secret).map((c) => c.name);

/** Files larger than this are split by the user; the preview holds the whole file in memory. */
export const MAX_CSV_ROWS = 100_000;
export const MAX_CSV_CHARS = 20_000_000;
/** Rows written per transaction (and per progress step in the page). */
export const IMPORT_BATCH_SIZE = 500;

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const cell = z.preprocess(emptyToUndefined, z.string().trim().optional());
const booleanCell = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => ["true", "false", "yes", "no", "1", "0"].includes(v), "true or false")
    .transform((v) => v === "true" || v === "yes" || v === "1")
    .optional(),
);
const integerCell = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .regex(/^[0-9]+$/, "a whole number")
    .transform(Number)
    .optional(),
);
const listCell = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .transform((v) =>
      v
        .split(";")
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    )
    .optional(),
);

/** One CSV record (all strings) converted to typed cells; the form's schema then validates them. */
const csvCellsSchema = z.object({
  number: z.string({ error: "missing" }),
  displayName: z.string({ error: "missing" }),
  voicemailEnabled: booleanCell,
  voicemailEmail: cell,
  internalCallerIdName: cell,
  internalCallerIdNumber: cell,
  externalCallerIdName: cell,
  externalCallerIdNumber: cell,
  maxCalls: integerCell,
  recordCalls: booleanCell,
  tollAllow: listCell,
  enabled: booleanCell,
  sipPassword: cell,
  voicemailPin: cell,
});

/** A CSV record → a create-extension input, validated by the same schema as the form and the router. */
export function parseCsvRecord(record: Record<string, string>) {
  const cells = csvCellsSchema.safeParse(record);
  return cells.success ? createExtensionSchema.safeParse(cells.data) : cells;
}

/** A valid row as the preview returns it and the import takes it back, with its line in the file. */
export const importRowSchema = z.object({ line: z.number().int().min(2), extension: createExtensionSchema });

export const previewCsvSchema = z.object({
  csv: z.string().max(MAX_CSV_CHARS, "The file is too large (20 MB at most)"),
});
export const importCsvSchema = z.object({ rows: z.array(importRowSchema).min(1).max(IMPORT_BATCH_SIZE) });

export type ImportRow = z.infer<typeof importRowSchema>;
export type RowProblem = { line: number; number: string | null; reason: string };
