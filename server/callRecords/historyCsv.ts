import Papa from "papaparse";
import type { Db } from "@/server/db/client";
import { SPREADSHEET_FORMULA } from "@/server/shared/spreadsheetFormula";
import { searchCalls, type CallRow, type CallScope } from "./history";
import type { CallFilters } from "./historySchemas";

/** Rows per database round trip: large enough to amortise the query, small enough to keep memory flat. */
const CSV_PAGE_ROWS = 2000;

const CALL_COLUMNS = {
  started_at: (r: CallRow) => r.startedAt.toISOString(),
  answered_at: (r: CallRow) => r.answeredAt?.toISOString() ?? "",
  ended_at: (r: CallRow) => r.endedAt.toISOString(),
  direction: (r: CallRow) => r.direction,
  disposition: (r: CallRow) => r.disposition,
  caller_name: (r: CallRow) => r.callerName,
  caller_number: (r: CallRow) => r.callerNumber,
  destination_number: (r: CallRow) => r.destinationNumber,
  extension: (r: CallRow) => r.extension ?? "",
  duration_sec: (r: CallRow) => r.durationSec,
  bill_sec: (r: CallRow) => r.billSec,
  hangup_cause: (r: CallRow) => r.hangupCause,
  hangup_reason: (r: CallRow) => r.hangupText,
  node: (r: CallRow) => r.node ?? "",
  call_id: (r: CallRow) => r.callId,
};

const PLATFORM_COLUMNS = { tenant: (r: CallRow) => r.tenant ?? "", ...CALL_COLUMNS };

/**
 * The search as CSV, one keyset page per pull: the stream asks for the next page only when the
 * client has taken the previous one, so 100k rows never sit in memory at once and a slow
 * download slows the queries instead of filling a buffer.
 */
export function callsCsvStream(db: Db, scope: CallScope, filters: CallFilters): ReadableStream<Uint8Array> {
  const columns = scope.kind === "platform" ? PLATFORM_COLUMNS : CALL_COLUMNS;
  const fields = Object.keys(columns);
  const cells = Object.values(columns);
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const page = await searchCalls(db, scope, filters, { cursor, pageSize: CSV_PAGE_ROWS });
        const data = page.items.map((row) => cells.map((cell) => cell(row)));
        const text = Papa.unparse(
          { fields, data },
          { header: first, escapeFormulae: SPREADSHEET_FORMULA, newline: "\n" },
        );
        if (text) controller.enqueue(encoder.encode(`${text}\n`));
        first = false;
        if (page.nextCursor) cursor = page.nextCursor;
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}
