import Papa from "papaparse";
import type { TenantContext } from "@/server/tenancy/context";
import { SPREADSHEET_FORMULA } from "@/server/shared/spreadsheetFormula";
import { EXPORT_COLUMNS } from "./csvSchema";

const PAGE = 5000;

/** The domain's extensions in the import format, without secrets. Keyset pages keep memory flat at 100k rows. */
export async function exportExtensionsCsv(ctx: TenantContext): Promise<{ filename: string; csv: string }> {
  const rows: (string | number | boolean)[][] = [];
  let after: string | undefined;
  for (;;) {
    const page = await ctx.db.extension.findMany({
      where: { domainId: ctx.domain.id, ...(after ? { number: { gt: after } } : {}) },
      orderBy: { number: "asc" },
      take: PAGE,
      select: {
        number: true,
        displayName: true,
        voicemailEnabled: true,
        voicemailEmail: true,
        internalCallerIdName: true,
        internalCallerIdNumber: true,
        externalCallerIdName: true,
        externalCallerIdNumber: true,
        maxCalls: true,
        recordCalls: true,
        tollAllow: true,
        enabled: true,
      },
    });
    for (const e of page) {
      const values: Record<(typeof EXPORT_COLUMNS)[number], string | number | boolean> = {
        ...e,
        voicemailEmail: e.voicemailEmail ?? "",
        internalCallerIdName: e.internalCallerIdName ?? "",
        internalCallerIdNumber: e.internalCallerIdNumber ?? "",
        externalCallerIdName: e.externalCallerIdName ?? "",
        externalCallerIdNumber: e.externalCallerIdNumber ?? "",
        tollAllow: e.tollAllow.join(";"),
      };
      rows.push(EXPORT_COLUMNS.map((c) => values[c]));
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.number;
  }
  const csv = Papa.unparse(
    { fields: [...EXPORT_COLUMNS], data: rows },
    { escapeFormulae: SPREADSHEET_FORMULA, newline: "\n" },
  );
  return { filename: `extensions-${ctx.domain.name}.csv`, csv };
}
